package catalog

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// fixedNow is the clock of every test that needs one.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func clock(t time.Time) Option { return WithNow(func() time.Time { return t }) }

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// writeFile writes content at dir/rel, creating parent directories.
func writeFile(t *testing.T, dir, rel, content string) string {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustLoad(t testing.TB, spec string, opts ...Option) *Catalog {
	t.Helper()
	c, err := Load(context.Background(), spec, opts...)
	if err != nil {
		t.Fatalf("Load(%q) = %v, want no error", spec, err)
	}
	return c
}

// snapshotDir is the real registry snapshot in the shared folder beside
// the module root; without it the test skips, or fails in CI, where
// shared/ is always laid beside the clone.
func snapshotDir(t testing.TB) string {
	t.Helper()
	return testenv.SharedPath(t, "mcp-registry", "servers")
}

// server builds a minimal valid server.yaml with extra lines appended.
func serverYAML(name string, extra ...string) string {
	base := "name: " + name + "\nimage: mcp/" + name + "\ntype: server\nabout:\n  title: T\n"
	return base + strings.Join(extra, "\n") + "\n"
}

func names(servers []*Server) []string {
	out := make([]string, len(servers))
	for i, s := range servers {
		out[i] = s.Name
	}
	return out
}

func isRoot() bool { return os.Geteuid() == 0 }

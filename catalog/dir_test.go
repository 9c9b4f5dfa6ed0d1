package catalog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

func TestLoadDirForms(t *testing.T) {
	tests := []struct {
		name, spec string
		want       string
	}{
		{"checkout root", "testdata/checkout", "alpha,beta,delta,gamma"},
		{"servers dir", "testdata/checkout/servers", "alpha,beta,delta,gamma"},
		{"one server dir", "testdata/checkout/servers/gamma", "gamma"},
		{"one server.yaml", "testdata/checkout/servers/beta/server.yaml", "beta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustLoad(t, tt.spec, clock(fixedNow))
			if got := strings.Join(names(c.Servers), ","); got != tt.want || len(c.Problems) != 0 {
				t.Errorf("Load(%s) = %s with problems %v, want %s and none", tt.spec, got, c.Problems, tt.want)
			}
			if !c.FetchedAt.Equal(fixedNow) || c.Source != tt.spec {
				t.Errorf("Load(%s) FetchedAt, Source = %v, %q; want %v, %q", tt.spec, c.FetchedAt, c.Source, fixedNow, tt.spec)
			}
		})
	}
}

func TestLoadCheckoutGolden(t *testing.T) {
	c := mustLoad(t, "testdata/checkout", clock(fixedNow))
	if c.Kind != KindDir || c.Name != "checkout" {
		t.Errorf("Load(checkout) kind, name = %s, %s; want dir, checkout", c.Kind, c.Name)
	}
	s, ok := c.Lookup("gamma")
	if !ok || s.UnknownKeys[0] != "run.ports" || !s.Run.DisableNetwork {
		t.Errorf("Lookup(gamma) = %+v, %v; want run.ports unknown and disableNetwork", s, ok)
	}
	if _, ok := c.Lookup("nope"); ok {
		t.Error("Lookup(nope) = found, want not found")
	}
	golden.RequireEqual(t, jsonOf(t, c))
}

// One bad file is reported and the others still load.
func TestLoadDirOneBadFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "servers/good/server.yaml", serverYAML("good"))
	writeFile(t, dir, "servers/bad/server.yaml", "name: bad\nsource:\n  commit: a\n  commit: b\n")
	writeFile(t, dir, "servers/big/server.yaml", "name: big\ndescription: "+strings.Repeat("x", 10<<20)+"\n")
	writeFile(t, dir, "servers/dup/server.yaml", serverYAML("good"))
	writeFile(t, dir, "servers/README.md", "not a server")
	if err := os.Mkdir(filepath.Join(dir, "servers", "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t, dir)
	if got := strings.Join(names(c.Servers), ","); got != "good" {
		t.Errorf("Load(checkout with bad files) = %s, want good", got)
	}
	want := []string{
		"servers/bad/server.yaml:4: commit: key already defined [parse]",
		"servers/big/server.yaml: too large: over the 1048576-byte cap [read]",
		"servers/dup/server.yaml:1: name: server name \"good\" differs from its folder \"dup\"; entry skipped [name-mismatch]",
	}
	got := problemStrings(dir, c.Problems)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func problemStrings(dir string, ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		p.File = strings.TrimPrefix(p.File, dir+string(filepath.Separator))
		out[i] = p.String() + " [" + p.Rule + "]"
	}
	return out
}

func TestLoadDirCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, "testdata/checkout"); !errors.Is(err, context.Canceled) {
		t.Errorf("Load(cancelled ctx) = %v, want context.Canceled", err)
	}
}

func mkdir(t *testing.T, dir, rel string) string {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		testenv.Missing(t, "symlink: %v", err)
	}
}

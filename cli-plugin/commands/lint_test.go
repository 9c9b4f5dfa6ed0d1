package commands

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodServer = `name: good-one
image: mcp/good-one
type: server
meta:
  category: devops
  tags: [devops]
about:
  title: Good One
  description: A fixture.
source:
  project: https://github.com/example/good-one
  commit: 0123456789abcdef0123456789abcdef01234567
`

// writeServer writes servers/<dir>/server.yaml under root.
func writeServer(t *testing.T, root, dir, body string) string {
	t.Helper()
	p := filepath.Join(root, "servers", dir, "server.yaml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLintClean(t *testing.T) {
	root := t.TempDir()
	writeServer(t, root, "good-one", goodServer)
	r := runCommand(t, false, "lint", root)
	if r.err != nil || r.stdout != "" {
		t.Errorf("lint clean checkout = %q, %v; want no output and no error", r.stdout, r.err)
	}
}

func TestLintFindsPinAndProjectErrors(t *testing.T) {
	root := t.TempDir()
	bad := strings.Replace(goodServer, "0123456789abcdef0123456789abcdef01234567", "0123456789ABCDEF0123456789ABCDEF01234567", 1)
	bad = strings.Replace(bad, "https://github.com/example/good-one", "http://github.com/example/good-one", 1)
	file := writeServer(t, root, "good-one", bad)
	r := runCommand(t, false, "lint", root)
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("lint = %v (exit %d), want exit %d", r.err, ExitCode(r.err), ExitTrust)
	}
	for _, want := range []string{file + ":12: source.commit: ", file + ":11: source.project: "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runCommand(t, false, "lint", root, "--format", "json")
	var v struct {
		Errors   int `json:"errors"`
		Problems []struct {
			File  string `json:"file"`
			Line  int    `json:"line"`
			Field string `json:"field"`
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.Errors < 2 {
		t.Fatalf("lint --format json = %q (%v), want >= 2 errors", r.stdout, err)
	}
}

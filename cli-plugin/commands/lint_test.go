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

// serverNamed is goodServer renamed, with its title replaced.
func serverNamed(name, title string) string {
	s := strings.ReplaceAll(goodServer, "good-one", name)
	s = strings.Replace(s, "image: mcp/"+name, "image: mcp/"+strings.ToLower(name), 1)
	return strings.Replace(s, "title: Good One", "title: "+title, 1)
}

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
	if r.err != nil || r.stdout != "" || r.stderr != "1 checked: 0 errors, 0 warnings, 0 notices\n" {
		t.Errorf("lint clean checkout = %q, %q, %v; want no problem and no error", r.stdout, r.stderr, r.err)
	}
}

// Our rules (lowercase pin, canonical project) warn; --strict fails on them.
func TestLintStrict(t *testing.T) {
	root := t.TempDir()
	bad := strings.Replace(goodServer, "0123456789abcdef0123456789abcdef01234567", "0123456789ABCDEF0123456789ABCDEF01234567", 1)
	bad = strings.Replace(bad, "https://github.com/example/good-one", "http://github.com/example/good-one", 1)
	file := writeServer(t, root, "good-one", bad)
	for _, tt := range []struct {
		args []string
		exit int
		sev  string
	}{
		{nil, ExitOK, "warning"},
		{[]string{"--strict"}, ExitTrust, "error  "},
	} {
		r := runCommand(t, false, append([]string{"lint", root}, tt.args...)...)
		if ExitCode(r.err) != tt.exit {
			t.Fatalf("lint %v = %v (exit %d), want exit %d", tt.args, r.err, ExitCode(r.err), tt.exit)
		}
		for _, want := range []string{
			tt.sev + " mcptrust pin-canonical    " + file + ":12: source.commit: ",
			tt.sev + " mcptrust project-url      " + file + ":11: source.project: ",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("lint %v output lacks %q:\n%s", tt.args, want, r.stdout)
			}
		}
	}
}

// The JSON contract: counts, and rule, origin, severity and exception on
// every problem.
func TestLintJSON(t *testing.T) {
	root := t.TempDir()
	writeServer(t, root, "SQLite", serverNamed("SQLite", "Lite Tables"))
	writeServer(t, root, "titled", serverNamed("titled", "Titled MCP"))
	r := runCommand(t, false, "lint", root, "--format", "json")
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("lint = %v (exit %d), want exit %d", r.err, ExitCode(r.err), ExitTrust)
	}
	var v struct {
		Checked, Errors, Warnings, Notices int
		Strict                             bool
		Problems                           []map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("lint --format json = %q: %v", r.stdout, err)
	}
	if v.Checked != 2 || v.Errors != 1 || v.Warnings != 0 || v.Notices != 1 || v.Strict || len(v.Problems) != 2 {
		t.Fatalf("lint --format json = %+v, want 2 checked, 1 error, 1 notice", v)
	}
	notice, title := v.Problems[0], v.Problems[1]
	if notice["rule"] != "name-format" || notice["origin"] != "registry" || notice["severity"] != "notice" || notice["exception"] != "legacy-name" {
		t.Errorf("notice = %v, want name-format registry notice legacy-name", notice)
	}
	if _, ok := title["exception"]; title["rule"] != "title-words" || title["origin"] != "registry" || title["severity"] != "error" || ok {
		t.Errorf("error = %v, want title-words registry error without exception", title)
	}
}

func TestLintTemplate(t *testing.T) {
	root := t.TempDir()
	writeServer(t, root, "titled", serverNamed("titled", "Titled Server"))
	r := runCommand(t, false, "lint", root, "--format", "{{.Severity}} {{.Origin}} {{.Rule}} {{.Line}}")
	if ExitCode(r.err) != ExitTrust || r.stdout != "error registry title-words 8\n" {
		t.Errorf("lint --format template = %q, %v", r.stdout, r.err)
	}
}

// Bad input: a file that does not parse is an error with file and line
// (exit 1, the other files are checked); a missing path is exit 2.
func TestLintBadInput(t *testing.T) {
	root := t.TempDir()
	file := writeServer(t, root, "broken", "name: broken\nabout:\n  title: [\n")
	writeServer(t, root, "good-one", goodServer)
	r := runCommand(t, false, "lint", root)
	if ExitCode(r.err) != ExitTrust || !strings.Contains(r.stdout, "error   registry parse            "+file+":3: about.title: ") {
		t.Errorf("lint (unparsable file) = %q, %v; want a parse error with file and line, exit 1", r.stdout, r.err)
	}
	r = runCommand(t, false, "lint", filepath.Join(root, "missing"))
	if ExitCode(r.err) != ExitInput {
		t.Errorf("lint missing = %v (exit %d), want exit %d", r.err, ExitCode(r.err), ExitInput)
	}
}

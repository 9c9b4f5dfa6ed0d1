package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// --strict turns our rules into errors; registry errors and grandfathered
// notices do not move.
func TestLintStrict(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "servers/tides/server.yaml", entry{name: "tides", commit: strings.Repeat("AB", 20), extra: "extra: 1\n"}.yaml())
	writeFile(t, dir, "servers/SQLite/server.yaml", entry{name: "SQLite"}.yaml())
	writeFile(t, dir, "servers/bad-title/server.yaml", entry{name: "bad-title", title: "Tide MCP"}.yaml())
	for _, tt := range []struct {
		strict bool
		want   string
	}{
		{false, "notice registry name-format,error registry title-words,warning mcptrust pin-canonical,warning mcptrust unknown-field"},
		{true, "notice registry name-format,error registry title-words,error mcptrust pin-canonical,error mcptrust unknown-field"},
	} {
		r, err := Lint(context.Background(), LintOptions{Strict: tt.strict}, dir)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range r.Problems {
			got = append(got, string(p.Severity)+" "+string(p.Origin)+" "+p.Rule)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("Lint(strict %v) = %s\nwant %s", tt.strict, strings.Join(got, ","), tt.want)
		}
	}
}

// Every rule id is documented with an origin, and an unlisted rule grades
// as a registry error (fail closed).
func TestLintRuleTable(t *testing.T) {
	for id, r := range lintRules {
		if r.doc == "" || (r.origin != OriginRegistry && r.origin != OriginMCPTrust) {
			t.Errorf("lintRules[%s] = %+v, want a doc and an origin", id, r)
		}
	}
	p := Problem{Rule: "no-such-rule"}
	grade(&p, false)
	if p.Severity != SeverityError || p.Origin != OriginRegistry {
		t.Errorf("grade(unlisted) = %s %s, want error registry", p.Severity, p.Origin)
	}
}

func TestChangedServers(t *testing.T) {
	got := ChangedServers([]string{
		"README.md", "servers/b/server.yaml", "servers/a/tools.json", "servers/b/readme.md",
		"servers/a/sub/deep.txt", "servers/top-level.md", "servers/../x/server.yaml", "servers//server.yaml",
		"other/servers/c/server.yaml", "servers/./server.yaml",
	})
	if strings.Join(got, ",") != "a,b,top-level.md" {
		t.Errorf("ChangedServers = %q, want a,b,top-level.md", got)
	}
	if got := ChangedServers(nil); len(got) != 0 {
		t.Errorf("ChangedServers(nil) = %q, want none", got)
	}
}

func TestLintServers(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "servers/good/server.yaml", entry{name: "good"}.yaml())
	writeFile(t, dir, "servers/old-title/server.yaml", entry{name: "old-title", title: "Old Server"}.yaml())
	writeFile(t, dir, "servers/gone/tools.json", "[]\n")
	writeFile(t, dir, "servers/notes.md", "x\n")
	outside := t.TempDir()
	elsewhere := writeFile(t, outside, "server.yaml", entry{name: "linked"}.yaml())
	writeFile(t, outside, "dir/server.yaml", entry{name: "linkdir"}.yaml())
	if err := os.MkdirAll(filepath.Join(dir, "servers", "linked"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "servers", "linked", "server.yaml")); err != nil {
		testenv.Missing(t, "symlinks not available: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "dir"), filepath.Join(dir, "servers", "linkdir")); err != nil {
		t.Fatal(err)
	}
	r, err := LintServers(context.Background(), LintOptions{}, dir, []string{"gone", "good", "linkdir", "linked", "notes.md"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, string(p.Severity)+" "+p.Rule+" "+strings.TrimPrefix(p.File, filepath.Join(dir, "servers")+"/"))
	}
	// old-title breaks a rule but was not changed: it is not checked. Links
	// are not followed, and a file in servers/ is not a server.
	want := "error read gone/server.yaml,error read linkdir,error read linked/server.yaml,error read notes.md"
	if r.Checked != 5 || strings.Join(got, ",") != want {
		t.Errorf("LintServers = checked %d, %q; want 5, %q (%v)", r.Checked, strings.Join(got, ","), want, r.Problems)
	}
	r, err = LintServers(context.Background(), LintOptions{}, dir, nil)
	if err != nil || r.Checked != 0 || len(r.Problems) != 0 || r.Problems == nil {
		t.Errorf("LintServers(none) = %+v, %v; want an empty passing report", r, err)
	}
	r, err = LintServers(context.Background(), LintOptions{}, dir, []string{"../servers/good", "..", ""})
	if err != nil || r.Errors() != 3 || r.Checked != 3 {
		t.Errorf("LintServers(names outside servers/) = %v, %v; want 3 errors", r, err)
	}
	if _, err := LintServers(context.Background(), LintOptions{}, t.TempDir(), []string{"good"}); err == nil {
		t.Error("LintServers(no servers/ folder) = nil error, want an input error")
	}
}

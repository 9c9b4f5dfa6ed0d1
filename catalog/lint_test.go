package catalog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// The lint fixtures: one folder per rule, and a clean one.
func TestLintFixturesGolden(t *testing.T) {
	r, err := Lint(context.Background(), LintOptions{}, "testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	if r.Checked != 16 {
		t.Errorf("Lint(testdata/lint).Checked = %d, want 16", r.Checked)
	}
	for _, p := range r.Problems {
		if strings.Contains(p.File, "/good/") {
			t.Errorf("Lint(good) = %s, want no problem", p)
		}
	}
	t.Run("json", func(t *testing.T) { golden.RequireEqual(t, jsonOf(t, r)) })
	var text strings.Builder
	for _, p := range r.Problems {
		fmt.Fprintf(&text, "%-7s %-8s %-16s %s\n", p.Severity, p.Origin, p.Rule, p)
	}
	fmt.Fprintf(&text, "%d errors, %d warnings, %d notices\n", r.Errors(), r.Warnings(), r.Notices())
	t.Run("text", func(t *testing.T) { golden.RequireEqual(t, text.String()) })
}

func TestLintRules(t *testing.T) {
	const pin = "0123456789abcdef0123456789abcdef01234567"
	ok := func(extra ...string) string {
		return serverYAML("x", append([]string{"source:\n  project: https://github.com/o/x\n  commit: " + pin}, extra...)...)
	}
	tests := []struct {
		name, folder, in string
		want             string // "rule@line:field" joined by ",", "" for clean
	}{
		{"clean", "x", ok(), ""},
		{"name format", "X_y", strings.Replace(ok(), "name: x", "name: X_y", 1), "name-format@1:name"},
		{"name folder", "other", ok(), "name-folder@1:name"},
		{"title words", "x", strings.Replace(ok(), "title: T", "title: The MCP Server", 1), "title-words@5:about.title,title-words@5:about.title"},
		{"title lower-case word", "x", strings.Replace(ok(), "title: T", "title: Tools for github", 1), "title-case@5:about.title"},
		{"title allowed words", "x", strings.Replace(ok(), "title: T", "title: Search and Tools for Teams", 1), ""},
		{"title mcp lower-case is upstream-legal", "x", strings.Replace(ok(), "title: T", "title: Mcp Observer", 1), ""},
		{"no commit", "x", serverYAML("x", "source:\n  project: https://github.com/o/x"), "pin-required@6:source.commit"},
		{"uppercase commit", "x", strings.Replace(ok(), pin, strings.ToUpper(pin), 1), "pin-canonical@8:source.commit"},
		{"remote with a bad pin", "x", "name: x\ntype: remote\nabout:\n  title: T\nremote:\n  transport_type: sse\n  url: https://x.example\nsource:\n  commit: HEAD\n", "pin-canonical@9:source.commit"},
		{"no project", "x", serverYAML("x", "source:\n  commit: "+pin), "project-url@6:source.project"},
		{"http project", "x", strings.Replace(ok(), "https://github.com/o/x", "http://github.com/o/x", 1), "project-url@7:source.project"},
		{"no image", "x", strings.Replace(ok(), "image: mcp/x\n", "", 1), "image@1:image"},
		{"bad image", "x", strings.Replace(ok(), "image: mcp/x", "image: MCP/X", 1), "image@2:image"},
		{"remote without url", "x", "name: x\ntype: remote\nabout:\n  title: T\n", "remote-url@1:remote.url"},
		{"remote bad transport", "x", "name: x\ntype: remote\nabout:\n  title: T\nremote:\n  url: https://x.example\n  transport_type: ws\n", "remote-transport@7:remote.transport_type"},
		{"secret name", "x", ok("config:\n  secrets:\n    - name: token"), "secret-name@11:config.secrets[0]"},
		{"secret prefix", "x", ok("config:\n  secrets:\n    - name: y.token"), "secret-prefix@11:config.secrets[0]"},
		{"config env", "x", ok("config:\n  env:\n    - name: A\n      value: \"{{y.a}}\"\n    - name: B\n      value: \"{{x.b}}\"\n    - name: C\n      value: plain"), "config-env@12:config.env[0].value"},
		{"oauth without dynamic tools", "x", ok("oauth:\n  - provider: p"), "oauth-dynamic@9:oauth"},
		{"oauth with dynamic tools", "x", ok("oauth:\n  - provider: p", "dynamic:\n  tools: true"), ""},
		{"unknown field", "x", ok("extra: 1"), "unknown-field@9:extra"},
		{"bidi in title", "x", strings.Replace(ok(), "title: T", "title: \"A\\u202Eb\"", 1), "hidden-text@5:about.title"},
		{"escape in a list item", "x", ok("meta:\n  tags:\n    - \"a\\e[31m\""), "hidden-text@11:meta.tags[0]"},
		{"zero width is a warning", "x", ok("meta:\n  category: \"a\\u200Bb\""), "hidden-text@10:meta.category"},
		{"homoglyph in title", "x", strings.Replace(ok(), "title: T", "title: Gіthub Tools", 1), "mixed-script@5:about.title"},
		{"cyrillic title alone is fine", "x", strings.Replace(ok(), "title: T", "title: Погода", 1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, filepath.Join("servers", tt.folder, "server.yaml"), tt.in)
			r, err := Lint(context.Background(), LintOptions{}, dir)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range r.Problems {
				got = append(got, fmt.Sprintf("%s@%d:%s", p.Rule, p.Line, p.Field))
				if rule, ok := lintRules[p.Rule]; !ok || rule.doc == "" || p.Origin != rule.origin {
					t.Errorf("problem %s: rule %q origin %q is not in lintRules", p, p.Rule, p.Origin)
				}
			}
			sort.Strings(got)
			if strings.Join(got, ",") != tt.want {
				t.Errorf("Lint(%s) = %q, want %q\n%v", tt.name, strings.Join(got, ","), tt.want, r.Problems)
			}
		})
	}
}

// The source-URL table of THREATS A10 through lint.
func TestLintProjectURLs(t *testing.T) {
	for _, u := range []string{
		"git://github.com/o/x", "ssh://git@github.com/o/x", "file:///tmp/x", "ext::sh -c id",
		"-oProxyCommand=id", "--upload-pack=id", "https://u:t@github.com/o/x", "https://github.com.evil.com/o/x",
		"https://github.com@evil.com/o/x", "https://gіthub.com/o/x", "https://github.com/o/../x",
		"https://github.com:8443/o/x", "https://github.com/o/x?a=b", "https://github.com/o/x#f",
		"https://github.com/o/x.git", "https://github.com/o/x/",
	} {
		dir := t.TempDir()
		writeFile(t, dir, "servers/x/server.yaml", serverYAML("x", "source:\n  project: \""+u+"\"\n  commit: 0123456789abcdef0123456789abcdef01234567"))
		for _, strict := range []bool{false, true} {
			want := map[bool]Severity{false: SeverityWarning, true: SeverityError}[strict]
			r, err := Lint(context.Background(), LintOptions{Strict: strict}, dir)
			if err != nil || !hasRule(r, want, "project-url") || (!strict && r.Errors() != 0) {
				t.Errorf("Lint(strict %v, project %q) = %v, %v; want project-url as %s", strict, u, r, err, want)
			}
		}
	}
}

func TestLintInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "servers/bad/server.yaml", "name: bad\nsource:\n  project: x\n commit: y\n")
	one := writeFile(t, dir, "single.yaml", serverYAML("whatever"))
	r, err := Lint(context.Background(), LintOptions{}, dir, one)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, "servers/bad/server.yaml") + ":3: source.project: did not find expected key [parse]",
		filepath.Join(dir, "single.yaml") + ":1: source.commit: missing: type server needs source.commit [pin-required]",
		filepath.Join(dir, "single.yaml") + ":1: source.project: \"\": missing [project-url]",
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.String()+" ["+p.Rule+"]")
	}
	if r.Checked != 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lint(dir, file) checked %d:\n%s\nwant 2:\n%s", r.Checked, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, tt := range []struct {
		paths  []string
		wantIs error
	}{
		{[]string{filepath.Join(dir, "missing")}, fs.ErrNotExist},
		{[]string{t.TempDir()}, ErrNoServers},
		{nil, ErrUnsupported},
	} {
		if _, err := Lint(context.Background(), LintOptions{}, tt.paths...); !errors.Is(err, tt.wantIs) {
			t.Errorf("Lint(%v) = %v, want %v", tt.paths, err, tt.wantIs)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.yaml", Line: 3, Field: "name", Message: "bad"}, "a.yaml:3: name: bad"},
		{Problem{File: "a.yaml", Message: "bad\nworse"}, "a.yaml: bad; worse"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Problem.String() = %q, want %q", got, tt.want)
		}
	}
}

func hasRule(r *LintReport, sev Severity, rule string) bool {
	for _, p := range r.Problems {
		if p.Severity == sev && p.Rule == rule {
			return true
		}
	}
	return false
}

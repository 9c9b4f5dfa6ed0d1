package prescan

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// ruleCases: each fixture set testdata/<rule>/<dir> must make the
// rule report at diff severity in differential mode and at full severity in
// full mode (risk.None: no finding). Every rule's "neg" set must make it
// report nothing in either mode.
var ruleCases = []struct {
	rule  string
	dir   string
	allow []string
	diff  risk.Level
	full  risk.Level
}{
	{rule: "net-url", diff: risk.Low, full: risk.Low},
	{rule: "net-url", allow: []string{"api.github.com:443"}, diff: risk.High, full: risk.High},
	{rule: "net-url", allow: []string{"*.collector-analytics.net:443"}, diff: risk.Low, full: risk.Low},
	{rule: "net-url", allow: []string{"*:443"}, diff: risk.Low, full: risk.Low},
	{rule: "net-ip", diff: risk.Medium, full: risk.Medium},
	{rule: "net-onion", diff: risk.High, full: risk.High},
	{rule: "exfil-endpoint", diff: risk.High, full: risk.High},
	{rule: "net-dns-computed", diff: risk.Medium, full: risk.Medium},
	{rule: "mail-bcc", diff: risk.High, full: risk.High},
	{rule: "mail-cc", diff: risk.Medium, full: risk.Medium},
	{rule: "mail-address", diff: risk.Medium, full: risk.Medium},
	{rule: "exec-import", diff: risk.Medium, full: risk.Medium},
	{rule: "exec-shell", diff: risk.High, full: risk.High},
	{rule: "exec-eval", diff: risk.High, full: risk.High},
	{rule: "exec-remote-script", diff: risk.High, full: risk.High},
	{rule: "secret-env-dump", diff: risk.Medium, full: risk.Medium},
	{rule: "secret-file", diff: risk.Medium, full: risk.Medium},
	{rule: "secret-file", dir: "escalated", diff: risk.High, full: risk.High},
	{rule: "secret-token", diff: risk.Low, full: risk.Low},
	{rule: "secret-token", dir: "escalated", diff: risk.High, full: risk.Low},
	{rule: "secret-metadata", diff: risk.High, full: risk.High},
	{rule: "blob-encoded", diff: risk.Medium, full: risk.Medium},
	{rule: "decode-exec", diff: risk.Low, full: risk.Low},
	{rule: "decode-exec", dir: "escalated", diff: risk.High, full: risk.High},
	{rule: "obfuscation", diff: risk.Medium, full: risk.Medium},
	{rule: "minified-source", diff: risk.Low, full: risk.Low},
	{rule: "unicode-bidi", diff: risk.High, full: risk.High},
	{rule: "unicode-invisible", diff: risk.High, full: risk.High},
	{rule: "unicode-tag", diff: risk.High, full: risk.High},
	{rule: "npm-install-script", diff: risk.High, full: risk.High},
	{rule: "npm-prepare-script", diff: risk.Medium, full: risk.Medium},
	{rule: "python-cmdclass", diff: risk.High, full: risk.High},
	{rule: "python-build-hook", diff: risk.Medium, full: risk.None},
	{rule: "build-script", diff: risk.Medium, full: risk.None},
	{rule: "go-generate", diff: risk.Low, full: risk.Low},
	{rule: "dockerfile", diff: risk.Medium, full: risk.None},
	{rule: "dockerfile-remote-add", diff: risk.High, full: risk.High},
	{rule: "dockerfile-root", diff: risk.Medium, full: risk.Medium},
	{rule: "dockerfile-unpinned-base", diff: risk.Low, full: risk.Low},
	{rule: "dockerfile-secret-mount", diff: risk.Medium, full: risk.Medium},
	{rule: "binary-file", diff: risk.Medium, full: risk.Medium},
	{rule: "ci-workflow", diff: risk.Medium, full: risk.None},
	{rule: "ci-privileged-trigger", diff: risk.High, full: risk.High},
	{rule: "ci-template-injection", diff: risk.High, full: risk.High},
	{rule: "ci-write-all", diff: risk.Medium, full: risk.Medium},
	{rule: "lockfile", diff: risk.Low, full: risk.None},
	{rule: "lockfile-source", diff: risk.Medium, full: risk.Medium},
	{rule: "registry-config", diff: risk.Medium, full: risk.Medium},
	{rule: "git-attributes", diff: risk.Medium, full: risk.None},
	{rule: "agent-config", diff: risk.High, full: risk.Medium},
	{rule: "agent-instructions", diff: risk.Medium, full: risk.Low},
	{rule: "vscode-folder-open", diff: risk.High, full: risk.High},
	{rule: "reviewer-label", diff: risk.High, full: risk.High},
	{rule: "reviewer-injection", diff: risk.High, full: risk.High},
	{rule: "markdown-hidden-comment", diff: risk.Medium, full: risk.Low},
	{rule: "persistence", diff: risk.Medium, full: risk.Medium},
	{rule: "destructive", diff: risk.Medium, full: risk.Medium},
	{rule: "dormant-trigger", diff: risk.Low, full: risk.Low},
	{rule: "gitmodules-transport", diff: risk.High, full: risk.High},
	{rule: "gitmodules-insecure-url", diff: risk.Medium, full: risk.Medium},
	{rule: "symlink-outside", diff: risk.High, full: risk.High},
	{rule: "filename-unicode", diff: risk.High, full: risk.High},
	{rule: "ci-action-tag", diff: risk.Low, full: risk.Low},
	{rule: "net-bare-host", diff: risk.Medium, full: risk.Medium},
	{rule: "net-ipv6", diff: risk.Medium, full: risk.Medium},
	{rule: "secret-high-entropy", diff: risk.High, full: risk.High},
	{rule: "net-first-import", diff: risk.Medium, full: risk.None},
	{rule: "dep-typosquat-npm", diff: risk.High, full: risk.High},
	{rule: "dep-typosquat-pypi", diff: risk.High, full: risk.High},
	{rule: "dep-typosquat-go", diff: risk.High, full: risk.High},
}

// signalCases: signal-only rules never report; their tag shows as the
// escalation of the probe rule in the same file.
var signalCases = []struct {
	rule, probe string
	pos, neg    risk.Level
}{
	{rule: "net-sink", probe: "secret-env-dump", pos: risk.High, neg: risk.Medium},
	{rule: "mail-sink", probe: "mail-address", pos: risk.High, neg: risk.Medium},
}

func TestPrescanRules(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range ruleCases {
		dir := cmp.Or(tc.dir, "pos")
		t.Run(fmt.Sprintf("%s/%s/%v", tc.rule, dir, tc.allow), func(t *testing.T) {
			fixture := fixtureDir(t, tc.rule, dir)
			opts := ScanOptions{AllowHosts: tc.allow}
			if got := ruleSeverity(scanFixtureDiff(t, s, fixture, opts), tc.rule); got != tc.diff {
				t.Errorf("ScanDiff(%s): %s severity = %v, want %v", fixture, tc.rule, got, tc.diff)
			}
			if got := ruleSeverity(scanFixtureTree(t, s, fixture, opts), tc.rule); got != tc.full {
				t.Errorf("ScanTree(%s): %s severity = %v, want %v", fixture, tc.rule, got, tc.full)
			}
		})
	}
}

func TestPrescanRulesNegative(t *testing.T) {
	s := newTestScanner(t)
	for _, r := range s.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			fixture := fixtureDir(t, r.ID, "neg")
			for mode, res := range map[string]*ScanResult{
				"ScanDiff": scanFixtureDiff(t, s, fixture, ScanOptions{}),
				"ScanTree": scanFixtureTree(t, s, fixture, ScanOptions{}),
			} {
				if got := ruleSeverity(res, r.ID); got != risk.None {
					t.Errorf("%s(%s): %s severity = %v, want no finding (%+v)", mode, fixture, r.ID, got, res.Findings)
				}
			}
		})
	}
}

func TestPrescanSignalRules(t *testing.T) {
	s := newTestScanner(t)
	for _, tc := range signalCases {
		t.Run(tc.rule, func(t *testing.T) {
			for dir, want := range map[string]risk.Level{"pos": tc.pos, "neg": tc.neg} {
				res := scanFixtureDiff(t, s, fixtureDir(t, tc.rule, dir), ScanOptions{})
				if got := ruleSeverity(res, tc.probe); got != want {
					t.Errorf("ScanDiff(%s/%s): %s severity = %v, want %v", tc.rule, dir, tc.probe, got, want)
				}
				if got := ruleSeverity(res, tc.rule); got != risk.None {
					t.Errorf("ScanDiff(%s/%s): signal rule reported %v, want nothing", tc.rule, dir, got)
				}
			}
		})
	}
}

// TestPrescanRuleTableCovered fails when a rule has no positive case.
func TestPrescanRuleTableCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range ruleCases {
		covered[tc.rule] = true
	}
	for _, tc := range signalCases {
		covered[tc.rule] = true
	}
	for _, r := range DefaultRules() {
		if !covered[r.ID] {
			t.Errorf("rule %s has no positive fixture case", r.ID)
		}
	}
}

func newTestScanner(t *testing.T, opts ...Option) *Scanner {
	t.Helper()
	s, err := NewScanner(opts...)
	if err != nil {
		t.Fatalf("NewScanner() = %v", err)
	}
	return s
}

func fixtureDir(t *testing.T, rule, kind string) string {
	t.Helper()
	if gen, ok := generatedFixtures[rule]; ok {
		return gen(t, kind)
	}
	dir := filepath.Join("testdata", rule, kind)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("fixture %s missing: %v", dir, err)
	}
	return dir
}

// ruleSeverity is the highest severity the rule reported, risk.None if none.
func ruleSeverity(res *ScanResult, rule string) risk.Level {
	sev := risk.None
	for _, f := range res.Findings {
		if f.Rule == rule {
			sev = max(sev, f.Severity)
		}
	}
	return sev
}

func scanFixtureTree(t *testing.T, s *Scanner, dir string, opts ScanOptions) *ScanResult {
	t.Helper()
	res, err := s.ScanTree(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("ScanTree(%s) = %v", dir, err)
	}
	return res
}

func scanFixtureDiff(t *testing.T, s *Scanner, dir string, opts ScanOptions) *ScanResult {
	t.Helper()
	opts.HeadDir = dir
	res, err := s.ScanDiff(context.Background(), strings.NewReader(newFileDiff(t, dir)), opts)
	if err != nil {
		t.Fatalf("ScanDiff(%s) = %v", dir, err)
	}
	return res
}

// newFileDiff renders every file under dir as an added file, the way git
// diff --text shows it.
func newFileDiff(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p) // never followed
			if err != nil {
				return err
			}
			writeAddedSymlink(&b, filepath.ToSlash(rel), target)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeAddedFile(&b, filepath.ToSlash(rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func writeAddedFile(b *bytes.Buffer, name, content string) {
	lines := strings.SplitAfter(content, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	fmt.Fprintf(b, "diff --git a/%s b/%s\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/%s\n", name, name, name)
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "@@ -0,0 +1,%d @@\n", len(lines))
	for _, l := range lines {
		b.WriteString("+" + l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// writeAddedSymlink renders a new symlink as git diff does: mode 120000,
// the target as the one line, without a newline.
func writeAddedSymlink(b *bytes.Buffer, name, target string) {
	fmt.Fprintf(b, "diff --git a/%s b/%s\nnew file mode 120000\nindex 0000000..1111111\n--- /dev/null\n+++ b/%s\n", name, name, name)
	fmt.Fprintf(b, "@@ -0,0 +1 @@\n+%s\n\\ No newline at end of file\n", target)
}

package reviewer

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
)

// ruleCases: each fixture set testdata/prescan/<rule>/<dir> must make the
// rule report at diff severity in differential mode and at full severity in
// full mode (RiskNone: no finding). Every rule's "neg" set must make it
// report nothing in either mode.
var ruleCases = []struct {
	rule  string
	dir   string
	allow []string
	diff  Risk
	full  Risk
}{
	{rule: "net-url", diff: RiskLow, full: RiskLow},
	{rule: "net-url", allow: []string{"api.github.com:443"}, diff: RiskHigh, full: RiskHigh},
	{rule: "net-url", allow: []string{"*.collector-analytics.net:443"}, diff: RiskLow, full: RiskLow},
	{rule: "net-url", allow: []string{"*:443"}, diff: RiskLow, full: RiskLow},
	{rule: "net-ip", diff: RiskMedium, full: RiskMedium},
	{rule: "net-onion", diff: RiskHigh, full: RiskHigh},
	{rule: "exfil-endpoint", diff: RiskHigh, full: RiskHigh},
	{rule: "net-dns-computed", diff: RiskMedium, full: RiskMedium},
	{rule: "mail-bcc", diff: RiskHigh, full: RiskHigh},
	{rule: "mail-cc", diff: RiskMedium, full: RiskMedium},
	{rule: "mail-address", diff: RiskMedium, full: RiskMedium},
	{rule: "exec-import", diff: RiskMedium, full: RiskMedium},
	{rule: "exec-shell", diff: RiskHigh, full: RiskHigh},
	{rule: "exec-eval", diff: RiskHigh, full: RiskHigh},
	{rule: "exec-remote-script", diff: RiskHigh, full: RiskHigh},
	{rule: "secret-env-dump", diff: RiskMedium, full: RiskMedium},
	{rule: "secret-file", diff: RiskMedium, full: RiskMedium},
	{rule: "secret-file", dir: "escalated", diff: RiskHigh, full: RiskHigh},
	{rule: "secret-token", diff: RiskLow, full: RiskLow},
	{rule: "secret-token", dir: "escalated", diff: RiskHigh, full: RiskLow},
	{rule: "secret-metadata", diff: RiskHigh, full: RiskHigh},
	{rule: "blob-encoded", diff: RiskMedium, full: RiskMedium},
	{rule: "decode-exec", diff: RiskLow, full: RiskLow},
	{rule: "decode-exec", dir: "escalated", diff: RiskHigh, full: RiskHigh},
	{rule: "obfuscation", diff: RiskMedium, full: RiskMedium},
	{rule: "minified-source", diff: RiskLow, full: RiskLow},
	{rule: "unicode-bidi", diff: RiskHigh, full: RiskHigh},
	{rule: "unicode-invisible", diff: RiskHigh, full: RiskHigh},
	{rule: "unicode-tag", diff: RiskHigh, full: RiskHigh},
	{rule: "npm-install-script", diff: RiskHigh, full: RiskHigh},
	{rule: "npm-prepare-script", diff: RiskMedium, full: RiskMedium},
	{rule: "python-cmdclass", diff: RiskHigh, full: RiskHigh},
	{rule: "python-build-hook", diff: RiskMedium, full: RiskNone},
	{rule: "build-script", diff: RiskMedium, full: RiskNone},
	{rule: "go-generate", diff: RiskLow, full: RiskLow},
	{rule: "dockerfile", diff: RiskMedium, full: RiskNone},
	{rule: "dockerfile-remote-add", diff: RiskHigh, full: RiskHigh},
	{rule: "dockerfile-root", diff: RiskMedium, full: RiskMedium},
	{rule: "dockerfile-unpinned-base", diff: RiskLow, full: RiskLow},
	{rule: "dockerfile-secret-mount", diff: RiskMedium, full: RiskMedium},
	{rule: "binary-file", diff: RiskMedium, full: RiskMedium},
	{rule: "ci-workflow", diff: RiskMedium, full: RiskNone},
	{rule: "ci-privileged-trigger", diff: RiskHigh, full: RiskHigh},
	{rule: "ci-template-injection", diff: RiskHigh, full: RiskHigh},
	{rule: "ci-write-all", diff: RiskMedium, full: RiskMedium},
	{rule: "lockfile", diff: RiskLow, full: RiskNone},
	{rule: "lockfile-source", diff: RiskMedium, full: RiskMedium},
	{rule: "registry-config", diff: RiskMedium, full: RiskMedium},
	{rule: "git-attributes", diff: RiskMedium, full: RiskNone},
	{rule: "agent-config", diff: RiskHigh, full: RiskMedium},
	{rule: "agent-instructions", diff: RiskMedium, full: RiskLow},
	{rule: "vscode-folder-open", diff: RiskHigh, full: RiskHigh},
	{rule: "reviewer-label", diff: RiskHigh, full: RiskHigh},
	{rule: "reviewer-injection", diff: RiskHigh, full: RiskHigh},
	{rule: "markdown-hidden-comment", diff: RiskMedium, full: RiskLow},
	{rule: "persistence", diff: RiskMedium, full: RiskMedium},
	{rule: "destructive", diff: RiskMedium, full: RiskMedium},
	{rule: "dormant-trigger", diff: RiskLow, full: RiskLow},
	{rule: "gitmodules-transport", diff: RiskHigh, full: RiskHigh},
	{rule: "gitmodules-insecure-url", diff: RiskMedium, full: RiskMedium},
	{rule: "symlink-outside", diff: RiskHigh, full: RiskHigh},
	{rule: "filename-unicode", diff: RiskHigh, full: RiskHigh},
	{rule: "ci-action-tag", diff: RiskLow, full: RiskLow},
	{rule: "net-bare-host", diff: RiskMedium, full: RiskMedium},
	{rule: "net-ipv6", diff: RiskMedium, full: RiskMedium},
	{rule: "secret-high-entropy", diff: RiskHigh, full: RiskHigh},
	{rule: "net-first-import", diff: RiskMedium, full: RiskNone},
	{rule: "dep-typosquat-npm", diff: RiskHigh, full: RiskHigh},
	{rule: "dep-typosquat-pypi", diff: RiskHigh, full: RiskHigh},
	{rule: "dep-typosquat-go", diff: RiskHigh, full: RiskHigh},
}

// signalCases: signal-only rules never report; their tag shows as the
// escalation of the probe rule in the same file.
var signalCases = []struct {
	rule, probe string
	pos, neg    Risk
}{
	{rule: "net-sink", probe: "secret-env-dump", pos: RiskHigh, neg: RiskMedium},
	{rule: "mail-sink", probe: "mail-address", pos: RiskHigh, neg: RiskMedium},
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
				if got := ruleSeverity(res, r.ID); got != RiskNone {
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
			for dir, want := range map[string]Risk{"pos": tc.pos, "neg": tc.neg} {
				res := scanFixtureDiff(t, s, fixtureDir(t, tc.rule, dir), ScanOptions{})
				if got := ruleSeverity(res, tc.probe); got != want {
					t.Errorf("ScanDiff(%s/%s): %s severity = %v, want %v", tc.rule, dir, tc.probe, got, want)
				}
				if got := ruleSeverity(res, tc.rule); got != RiskNone {
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

func newTestScanner(t *testing.T, opts ...ScannerOption) *Scanner {
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
	dir := filepath.Join("testdata", "prescan", rule, kind)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("fixture %s missing: %v", dir, err)
	}
	return dir
}

// ruleSeverity is the highest severity the rule reported, RiskNone if none.
func ruleSeverity(res *ScanResult, rule string) Risk {
	sev := RiskNone
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

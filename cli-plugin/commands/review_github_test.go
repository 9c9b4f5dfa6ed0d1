package commands

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileJS is a file name a repository may carry: a line break and a
// workflow command, '%', ',' and ':'.
const hostileJS = "m,line=1:x%0A\n::set-output name=pwned::1.js"

// githubEnv sets what a GitHub-hosted runner sets for a step, with the
// summary file in a temporary directory, and returns the summary's path.
func githubEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	summary := filepath.Join(dir, "step_summary")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_STEP_SUMMARY": summary,
		"GITHUB_OUTPUT": filepath.Join(dir, "output"), "GITHUB_ENV": filepath.Join(dir, "env"),
		"GITHUB_WORKSPACE": dir, "RUNNER_TEMP": dir, "GITHUB_REPOSITORY": "docker/mcp-registry",
		"GITHUB_SHA": strings.Repeat("c", 40), "GITHUB_EVENT_NAME": "pull_request",
	} {
		t.Setenv(k, v)
	}
	return summary
}

func TestReviewGitHubInActions(t *testing.T) {
	dir, shas := gitRepo(t, map[string]string{"index.js": mailBefore}, map[string]string{"index.js": mailAfter, hostileJS: mailAfter})
	summary := githubEnv(t)
	r := runCommand(t, false, "review", dir, "--agent", "prescan", "--head", shas[1], "--base", shas[0],
		"--output", t.TempDir(), "--format", "github")
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("exit %d (%v), want %d\n%s%s", ExitCode(r.err), r.err, ExitTrust, r.stdout, r.stderr)
	}
	var cr struct {
		Name, Status, Conclusion string
		Output                   struct{ Title, Summary, Text string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &cr); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, r.stdout)
	}
	if cr.Conclusion != "neutral" || cr.Status != "completed" || cr.Name != "security-review/prescan/pin/repo" ||
		!strings.Contains(cr.Output.Text, "mail-bcc") || !strings.Contains(cr.Output.Title, "risk high") {
		t.Errorf("check run = %+v, want a neutral completed pin review naming mail-bcc", cr)
	}
	var annotations int
	for _, line := range strings.Split(r.stdout+r.stderr, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") {
			annotations++
			if !strings.HasPrefix(line, "::error file=") {
				t.Errorf("a line starts a workflow command we did not write: %q", line)
			}
		}
	}
	// mail-bcc and mail-address, in index.js and in the hostile file, and
	// filename-unicode for the hostile file's name
	if annotations != 5 || !strings.Contains(r.stderr, "file=m%2Cline=1%3Ax%250A\\n%3A%3Aset-output name=pwned%3A%3A1.js,line=3,") {
		t.Errorf("want five ::error annotations, the hostile name escaped; stderr:\n%s", r.stderr)
	}
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "earlier step\n## mcptrust security review") || !strings.Contains(string(got), "mail\\-bcc") && !strings.Contains(string(got), "`mail-bcc`") {
		t.Errorf("step summary not appended as Markdown:\n%s", got)
	}
	if strings.ContainsAny(r.stdout+r.stderr+string(got), "\x1b\x07") || !utf8.Valid(got) {
		t.Errorf("raw control characters reached the output")
	}
}

func TestReviewGitHubOutsideActions(t *testing.T) {
	dir, shas := gitRepo(t, map[string]string{"index.js": mailAfter})
	t.Setenv("GITHUB_ACTIONS", "")
	summary := filepath.Join(t.TempDir(), "unused")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	r := runCommand(t, false, "review", dir, "--agent", "prescan", "--head", shas[0], "--output", t.TempDir(), "--format", "github")
	if strings.Contains(r.stderr, "::") {
		t.Errorf("annotations written outside GitHub Actions:\n%s", r.stderr)
	}
	if _, err := os.Stat(summary); !os.IsNotExist(err) {
		t.Errorf("step summary written outside GitHub Actions: %v", err)
	}
	if !json.Valid([]byte(r.stdout)) {
		t.Errorf("stdout is not JSON:\n%s", r.stdout)
	}
}

func TestReviewGitHubSummaryUnwritable(t *testing.T) {
	dir, shas := gitRepo(t, map[string]string{"index.js": mailBefore})
	githubEnv(t)
	t.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(t.TempDir(), "missing", "summary"))
	r := runCommand(t, false, "review", dir, "--agent", "prescan", "--head", shas[0], "--output", t.TempDir(), "--format", "github")
	if ExitCode(r.err) != ExitUndecided || !strings.Contains(r.err.Error(), "GITHUB_STEP_SUMMARY") {
		t.Errorf("exit %d (%v), want %d naming $GITHUB_STEP_SUMMARY", ExitCode(r.err), r.err, ExitUndecided)
	}
}

func TestCIFormatsOnlyWhereSupported(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"catalog", "--format", "sarif"}, "review, lint and verify only"},
		{[]string{"lint", "--format", "github"}, "review only"},
		{[]string{"verify", "--all", "--format", "github"}, "review only"},
		{[]string{"version", "--format", "sarif"}, "review, lint and verify only"},
		{[]string{"pin", "check", "--format", "sarif"}, "review, lint and verify only"},
	}
	for _, tt := range tests {
		r := runCommand(t, false, tt.args...)
		if ExitCode(r.err) != ExitInput || !strings.Contains(r.err.Error(), tt.msg) {
			t.Errorf("%v: exit %d (%v), want %d: %s", tt.args, ExitCode(r.err), r.err, ExitInput, tt.msg)
		}
	}
}

package commands

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// The tests here pin the error KIND behind each exit code of a security
// path, through the real command tree: the kind (errors.As) decides the
// code in ExitCode, so a test that checked only "some error" would let a
// trust failure (1) quietly become could-not-decide (3) or bad input (2).
// Each table has a passing control case.

// wantKind checks the exit code and that err carries a *C and a *K.
func wantKind[C, K error](t *testing.T, what string, err error, code int) {
	t.Helper()
	var cmdKind C
	var libKind K
	if got := ExitCode(err); got != code || !errors.As(err, &cmdKind) || !errors.As(err, &libKind) {
		t.Errorf("%s: exit %d, error %v (%T); want exit %d from a %T carrying a %T", what, got, err, err, code, cmdKind, libKind)
	}
}

// wantLibKind checks the exit code and that err carries a *K.
func wantLibKind[K error](t *testing.T, what string, err error, code int) {
	t.Helper()
	var libKind K
	if got := ExitCode(err); got != code || !errors.As(err, &libKind) {
		t.Errorf("%s: exit %d, error %v (%T); want exit %d from a %T", what, got, err, err, code, libKind)
	}
}

// gitOut runs git in dir for test setup, isolated from the user's config.
func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestReviewCommitKinds: a commit that is not what the pin claims is a
// trust failure (exit 1); one git cannot fetch is undecided (exit 3).
func TestReviewCommitKinds(t *testing.T) {
	dir, shas := gitRepo(t, map[string]string{"index.js": mailBefore})
	// A commit only under refs/pull/1/head (a fork's pull request), on no
	// branch or tag of the repository: an impostor.
	gitOut(t, dir, "checkout", "-q", "-b", "fork")
	if err := os.WriteFile(filepath.Join(dir, "index.js"), []byte(mailAfter), 0o644); err != nil {
		t.Fatal(err)
	}
	gitOut(t, dir, "commit", "-q", "-am", "fork only")
	impostor := gitOut(t, dir, "rev-parse", "HEAD")
	gitOut(t, dir, "update-ref", "refs/pull/1/head", impostor)
	gitOut(t, dir, "checkout", "-q", "main")
	gitOut(t, dir, "branch", "-q", "-D", "fork")
	tree := gitOut(t, dir, "rev-parse", shas[0]+"^{tree}")
	absent := strings.Repeat("0123456789", 4)

	review := func(head string) result {
		return runCommand(t, false, "review", dir, "--agent", "prescan", "--head", head, "--output", t.TempDir())
	}
	if r := review(shas[0]); r.err != nil || !strings.Contains(r.stdout, "verdict: PASS") {
		t.Fatalf("control: review of the genuine commit = exit %d, %v\n%s", ExitCode(r.err), r.err, r.stdout)
	}
	// review returns the reviewer's typed errors as they come; ExitCode
	// classifies them itself (issue 12 item 3), so the kind is the library's.
	wantLibKind[*reviewer.ImpostorCommitError](t, "review of a commit only on refs/pull", review(impostor).err, ExitTrust)
	wantLibKind[*reviewer.CommitError](t, "review of a tree named as the head commit", review(tree).err, ExitTrust)
	wantLibKind[*reviewer.GitError](t, "review of a commit the repository does not have", review(absent).err, ExitUndecided)
}

// TestReportTamperedStore: a store whose files were tampered with is bad
// input (exit 2), never "no review" and never a pass; the control reads
// the same review untouched.
func TestReportTamperedStore(t *testing.T) {
	const sentinel = "SENTINEL-outside-the-store"
	tests := []struct {
		name   string
		tamper func(t *testing.T, dir string)
	}{
		{"report.md is a symlink out of the store", func(t *testing.T, dir string) {
			outside := filepath.Join(t.TempDir(), "secret")
			if err := os.WriteFile(outside, []byte(sentinel), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, reviewer.ReportFile)); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(dir, reviewer.ReportFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"meta.json names another server", func(t *testing.T, dir string) {
			meta := `{"server":"other-server","commit":"` + notesPin + `","verdict":{"risk":"low"}}`
			if err := os.WriteFile(filepath.Join(dir, "meta.json"), []byte(meta), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"labels.txt rewritten to a non-label", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, reviewer.LabelsFile), []byte("lgtm\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	f, _, _ := testFactory(t, false)
	saveReview(t, f, reviewer.Verdict{Risk: risk.Low, AgentRisk: risk.Low}, "# ok\n")
	if r := runReport(t, f, "notes-demo", "--catalog", "demo"); r.err != nil {
		t.Fatalf("control: report of an untouched review = exit %d, %v", ExitCode(r.err), r.err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, errOut := testFactory(t, false)
			saveReview(t, f, reviewer.Verdict{Risk: risk.Low, AgentRisk: risk.Low}, "# ok\n")
			tt.tamper(t, filepath.Join(f.Reports().Dir, "notes-demo", notesPin))
			r := runReport(t, f, "notes-demo", "--catalog", "demo")
			var flagErr *FlagError
			if ExitCode(r.err) != ExitInput || !errors.As(r.err, &flagErr) || errors.Is(r.err, reviewer.ErrNoReview) {
				t.Errorf("report over a tampered store: exit %d, %v (%T); want exit %d from a *FlagError, not ErrNoReview",
					ExitCode(r.err), r.err, r.err, ExitInput)
			}
			if strings.Contains(out.String()+errOut.String()+errString(r.err), sentinel) {
				t.Error("report showed the content of a file outside the store")
			}
		})
	}
}

// TestPublishersFileKinds: --publishers that is missing or malformed is
// bad input (exit 2), as the catalog loader's kinds say.
func TestPublishersFileKinds(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	for path, body := range map[string]string{good: "- notes-demo\n", bad: "servers: &s [a]\nowners: *s\n"} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if r := runCommand(t, false, "catalog", "--catalog", "demo", "--publishers", good, "--format", "json"); r.err != nil {
		t.Fatalf("control: catalog --publishers good.yaml = exit %d, %v", ExitCode(r.err), r.err)
	}
	r := runCommand(t, false, "catalog", "--catalog", "demo", "--publishers", filepath.Join(dir, "missing.yaml"))
	wantKind[*catalog.InputError, *catalog.InputError](t, "catalog --publishers missing.yaml", r.err, ExitInput)
	r = runCommand(t, false, "catalog", "--catalog", "demo", "--publishers", bad)
	wantKind[*catalog.ParseError, *catalog.ParseError](t, "catalog --publishers with an alias", r.err, ExitInput)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

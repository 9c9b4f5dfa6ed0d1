package commands

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// registryRepo is a git registry checkout in a temp dir: main holds an old
// entry that breaks the title rule (it predates it) and a good one.
func registryRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	testenv.NeedCommand(t, "git")
	dir := filepath.Join(t.TempDir(), "registry")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "init.defaultBranch=main", "-c", "user.name=T", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	writeServer(t, dir, "old-title", serverNamed("old-title", "Old Server"))
	writeServer(t, dir, "good-one", goodServer)
	git("add", "-A")
	git("commit", "-q", "-m", "main")
	return dir, git
}

func TestLintChanged(t *testing.T) {
	dir, git := registryRepo(t)
	if r := runCommand(t, false, "lint", dir); ExitCode(r.err) != ExitTrust {
		t.Fatalf("lint (whole registry) = %v, want exit 1 for old-title", r.err)
	}
	git("checkout", "-q", "-b", "clean-pr")
	writeServer(t, dir, "new-one", serverNamed("new-one", "New One"))
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "add new-one")
	r := runCommand(t, false, "lint", "--changed", "main", dir)
	if r.err != nil || r.stdout != "" || r.stderr != "1 checked: 0 errors, 0 warnings, 0 notices\n" {
		t.Errorf("lint --changed main (clean PR) = %q, %q, %v; want new-one alone, clean", r.stdout, r.stderr, r.err)
	}

	git("checkout", "-q", "-b", "bad-pr", "main")
	writeServer(t, dir, "good-one", strings.Replace(goodServer, "title: Good One", "title: Good MCP", 1))
	git("commit", "-q", "-am", "rename good-one's title")
	r = runCommand(t, false, "lint", "--changed", "main", dir)
	if ExitCode(r.err) != ExitTrust || !strings.Contains(r.stdout, "error   registry title-words") ||
		strings.Contains(r.stdout, "old-title") || !strings.HasPrefix(r.stderr, "1 checked: 1 errors") {
		t.Errorf("lint --changed main (bad PR) = %q, %q, %v; want good-one's title error only, exit 1", r.stdout, r.stderr, r.err)
	}
}

func TestLintChangedBadInput(t *testing.T) {
	dir, _ := registryRepo(t)
	for _, args := range [][]string{
		{"--changed", "--upload-pack=touch /tmp/x", dir},
		{"--changed", "no-such-branch", dir},
		{"--changed", "main..HEAD", dir},
		{"--changed", "", dir},
		{"--changed", "main", dir, dir},
		{"--changed", "main", t.TempDir()},
	} {
		r := runCommand(t, false, append([]string{"lint"}, args...)...)
		if ExitCode(r.err) != ExitInput {
			t.Errorf("lint %q = %v (exit %d), want exit %d", args, r.err, ExitCode(r.err), ExitInput)
		}
	}
	r := runCommand(t, false, "lint", "--changed", "HEAD", dir)
	if r.err != nil || r.stderr != "0 checked: 0 errors, 0 warnings, 0 notices\n" {
		t.Errorf("lint --changed HEAD = %q, %v; want nothing checked, exit 0", r.stderr, r.err)
	}
}

package reviewer

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// requireGit stops the test when git is not installed (a skip, a failure
// in CI): the source tests use real repositories and there is nothing to
// test without it.
func requireGit(t *testing.T) {
	t.Helper()
	testenv.NeedCommand(t, "git")
}

// gitT runs git for test setup, isolated from the user's config, with a
// fixed identity and dates so commits are reproducible.
func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(gitEnv(os.Environ()),
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// testRepo is a working repository with a bare "upstream" it pushes to.
type testRepo struct {
	t        *testing.T
	work     string
	upstream string
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	requireGit(t)
	dir := t.TempDir()
	r := &testRepo{t: t, work: filepath.Join(dir, "work"), upstream: filepath.Join(dir, "upstream.git")}
	gitT(t, dir, "init", "-q", r.work)
	gitT(t, dir, "init", "-q", "--bare", r.upstream)
	return r
}

// commit writes files (path -> content) and commits them; returns the SHA.
func (r *testRepo) commit(msg string, files map[string]string) string {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	gitT(r.t, r.work, "add", "-A")
	gitT(r.t, r.work, "commit", "-q", "--allow-empty", "-m", msg)
	return gitT(r.t, r.work, "rev-parse", "HEAD")
}

// push pushes a commit-ish to a ref of the upstream.
func (r *testRepo) push(src, ref string) {
	r.t.Helper()
	gitT(r.t, r.work, "push", "-q", "-f", r.upstream, src+":"+ref)
}

func readFileT(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

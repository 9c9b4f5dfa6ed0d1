package reviewer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

func TestFetchFullCheckout(t *testing.T) {
	r := newTestRepo(t)
	first := r.commit("first", map[string]string{"index.js": "v1\n"})
	head := r.commit("second", map[string]string{"index.js": "v2\n"})
	r.push("main", "refs/heads/main")

	c, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: first}, WithTempDir(t.TempDir()))
	if err != nil {
		t.Fatalf("Fetch(first) = %v, want nil", err)
	}
	if got := readFileT(t, filepath.Join(c.Dir, "index.js")); got != "v1\n" {
		t.Errorf("checkout of first: index.js = %q, want %q", got, "v1\n")
	}
	if got := gitT(t, c.Dir, "rev-parse", "HEAD"); got != first {
		t.Errorf("checkout HEAD = %s, want %s", got, first)
	}
	tmp := filepath.Dir(c.Dir)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("after Close, stat %s = %v, want not exist", tmp, err)
	}
	_ = head
}

func TestFetchImpostorCommit(t *testing.T) {
	r := newTestRepo(t)
	r.commit("main", map[string]string{"a": "1"})
	r.push("main", "refs/heads/main")
	gitT(t, r.work, "checkout", "-q", "-b", "fork")
	fork := r.commit("fork only", map[string]string{"a": "evil"})
	r.push(fork, "refs/pull/1/head")
	gitT(t, r.work, "checkout", "-q", "-b", "release", "main")
	tagged := r.commit("tagged", map[string]string{"a": "tagged"})
	gitT(t, r.work, "tag", "-a", "-m", "release", "v1.0.0", tagged)
	r.push("refs/tags/v1.0.0", "refs/tags/v1.0.0")

	_, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: fork}, WithTempDir(t.TempDir()))
	var imp *ImpostorCommitError
	if !errors.As(err, &imp) || !errors.Is(err, ErrImpostorCommit) {
		t.Fatalf("Fetch(commit only under refs/pull/1/head) = %v, want *ImpostorCommitError", err)
	}
	if imp.Commit != fork || imp.Field != "head" {
		t.Errorf("ImpostorCommitError = %+v, want head %s", imp, fork)
	}

	c, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: tagged}, WithTempDir(t.TempDir()))
	if err != nil {
		t.Fatalf("Fetch(commit reachable only from a tag) = %v, want nil", err)
	}
	defer c.Close()
	if got := readFileT(t, filepath.Join(c.Dir, "a")); got != "tagged" {
		t.Errorf("checkout of tagged commit: a = %q, want %q", got, "tagged")
	}
}

// TestFetchRefNamedLikeSHA covers THREATS E19: a branch whose name is the
// 40-hex of another commit must never stand in for that commit.
func TestFetchRefNamedLikeSHA(t *testing.T) {
	r := newTestRepo(t)
	a := r.commit("A", map[string]string{"f": "A"})
	b := r.commit("B", map[string]string{"f": "B"})
	r.push("main", "refs/heads/main")
	gitT(t, r.work, "checkout", "-q", "-b", "side", a)
	hidden := r.commit("hidden", map[string]string{"f": "hidden"})
	r.push(hidden, "refs/pull/2/head")
	missing := "0123456789abcdef0123456789abcdef01234567"
	r.push(b, "refs/heads/"+missing)
	r.push(b, "refs/heads/"+hidden)
	r.push(b, "refs/heads/"+a)

	t.Run("pin is another commit's branch name only", func(t *testing.T) {
		// git fetches a full 40-hex name as an object id, never as a ref
		// name, so the upstream refuses it ("not our ref"): a *GitError,
		// which the command reports as could-not-decide (exit 3). The
		// branch must never stand in for the commit.
		c, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: missing}, WithTempDir(t.TempDir()))
		if c != nil {
			c.Close()
		}
		var ge *GitError
		var ce *CommitError
		if c != nil || !errors.As(err, &ge) || errors.As(err, &ce) || errors.Is(err, ErrImpostorCommit) {
			t.Fatalf("Fetch(%s named branch only) = %v (%T), want only a *GitError", missing, err, err)
		}
	})
	t.Run("branch named like an impostor commit", func(t *testing.T) {
		_, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: hidden}, WithTempDir(t.TempDir()))
		if !errors.Is(err, ErrImpostorCommit) {
			t.Fatalf("Fetch(impostor with a same-named branch) = %v, want ErrImpostorCommit", err)
		}
	})
	t.Run("genuine commit shadowed by a branch", func(t *testing.T) {
		c, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: a}, WithTempDir(t.TempDir()))
		if err != nil {
			t.Fatalf("Fetch(A) = %v, want nil", err)
		}
		defer c.Close()
		if got := readFileT(t, filepath.Join(c.Dir, "f")); got != "A" {
			t.Errorf("checkout of A with branch %q -> B: f = %q, want %q", a, got, "A")
		}
	})
}

func TestFetchTagObjectIsNotACommit(t *testing.T) {
	r := newTestRepo(t)
	r.commit("c", map[string]string{"f": "1"})
	gitT(t, r.work, "tag", "-a", "-m", "t", "v1")
	r.push("main", "refs/heads/main")
	r.push("refs/tags/v1", "refs/tags/v1")
	tagObj := gitT(t, r.work, "rev-parse", "v1")
	_, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: tagObj}, WithTempDir(t.TempDir()))
	var ce *CommitError
	if !errors.As(err, &ce) {
		t.Fatalf("Fetch(annotated tag object %s) = %v, want *CommitError", tagObj, err)
	}
}

func TestFetchNeverFetchesSubmodules(t *testing.T) {
	secret := newTestRepo(t)
	secret.commit("secret", map[string]string{"SECRET.txt": "sentinel-7f3a"})
	r := newTestRepo(t)
	r.commit("base", map[string]string{"README": "x"})
	gitT(t, r.work, "submodule", "add", "-q", "file://"+secret.work, "vendor/dep")
	head := r.commit("add submodule", nil)
	r.push("main", "refs/heads/main")

	c, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: head}, WithTempDir(t.TempDir()))
	if err != nil {
		t.Fatalf("Fetch = %v", err)
	}
	defer c.Close()
	if !strings.Contains(readFileT(t, filepath.Join(c.Dir, ".gitmodules")), "file://") {
		t.Fatal(".gitmodules with a file:// URL missing from the checkout")
	}
	entries, _ := os.ReadDir(filepath.Join(c.Dir, "vendor", "dep"))
	if len(entries) != 0 {
		t.Errorf("submodule directory has %d entries, want none", len(entries))
	}
	if _, err := os.Stat(filepath.Join(c.Dir, ".git", "modules")); !os.IsNotExist(err) {
		t.Errorf("stat .git/modules = %v, want not exist", err)
	}
}

// spyGit puts a fake git first on PATH that logs its arguments and fails, and
// returns the log path.
func spyGit(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, "git.log")
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + log + "'\nexit 1\n"
	if err := os.WriteFile(filepath.Join(dir, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	return log
}

func TestFetchBadInputNeverRunsGit(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		testenv.Missing(t, "/bin/sh is not available for the spy git script: %v", err)
	}
	local := t.TempDir()
	sha := strings.Repeat("a", 40)
	log := spyGit(t)
	tests := []struct {
		name string
		req  SourceRequest
	}{
		{"http", SourceRequest{Repo: "http://github.com/x/y", Head: sha}},
		{"ssh URL", SourceRequest{Repo: "ssh://git@github.com/x/y", Head: sha}},
		{"scp-like", SourceRequest{Repo: "git@github.com:x/y.git", Head: sha}},
		{"git protocol", SourceRequest{Repo: "git://github.com/x/y", Head: sha}},
		{"file URL", SourceRequest{Repo: "file://" + local, Head: sha}},
		{"ext transport", SourceRequest{Repo: "ext::sh -c touch% /tmp/pwned", Head: sha}},
		{"fd transport", SourceRequest{Repo: "fd::3", Head: sha}},
		{"leading dash", SourceRequest{Repo: "--upload-pack=touch /tmp/pwned", Head: sha}},
		{"userinfo", SourceRequest{Repo: "https://user:token@github.com/x/y", Head: sha}},
		{"user only", SourceRequest{Repo: "https://user@github.com/x/y", Head: sha}},
		{"query", SourceRequest{Repo: "https://github.com/x/y?a=b", Head: sha}},
		{"newline", SourceRequest{Repo: "https://github.com/x/y\n--upload-pack=x", Head: sha}},
		{"uppercase scheme", SourceRequest{Repo: "HTTPS://github.com/x/y", Head: sha}},
		{"no host", SourceRequest{Repo: "https:///x/y", Head: sha}},
		{"empty", SourceRequest{Repo: "", Head: sha}},
		{"missing path", SourceRequest{Repo: filepath.Join(local, "nope"), Head: sha}},
		{"short head", SourceRequest{Repo: local, Head: "abc1234"}},
		{"uppercase head", SourceRequest{Repo: local, Head: strings.Repeat("A", 40)}},
		{"option head", SourceRequest{Repo: local, Head: "--output=/tmp/x"}},
		{"branch head", SourceRequest{Repo: local, Head: "main"}},
		{"bad base", SourceRequest{Repo: local, Head: sha, Base: "HEAD~1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Fetch(context.Background(), tt.req, WithTempDir(t.TempDir()))
			var se *SourceError
			if !errors.As(err, &se) {
				t.Errorf("Fetch(%q, %q) = %v, want *SourceError", tt.req.Repo, tt.req.Head, err)
			}
		})
	}
	if b, err := os.ReadFile(log); err == nil {
		t.Fatalf("git ran for rejected input:\n%s", b)
	}

	// Control: the spy does run for acceptable input, with the hardening
	// flags and "--" before the repository.
	_, err := Fetch(context.Background(), SourceRequest{Repo: local, Head: sha}, WithTempDir(t.TempDir()))
	var ge *GitError
	if !errors.As(err, &ge) {
		t.Fatalf("Fetch(valid local path) with failing spy git = %v, want *GitError", err)
	}
	got := readFileT(t, log)
	for _, want := range []string{
		"-c protocol.allow=never", "-c protocol.https.allow=always", "-c protocol.file.allow=always",
		"-c core.hooksPath=/dev/null", "clone --quiet --no-recurse-submodules --no-checkout --no-local -- " + local + " ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("spy git log = %q, want it to contain %q", got, want)
		}
	}
}

func TestValidateRepo(t *testing.T) {
	tests := []struct {
		in        string
		wantLocal bool
		wantErr   bool
	}{
		{"https://github.com/docker/mcp-registry", false, false},
		{"https://github.com/docker/mcp-registry.git", false, false},
		{"https://[::1]:8443/x.git", false, false},
		{"https://github.com/a b", false, true},
		{"https://github.com/x#frag", false, true},
		{"https://-oProxyCommand=x/y", false, true},
		{`https://github.com\x`, false, true},
	}
	for _, tt := range tests {
		_, local, err := validateRepo(tt.in)
		if (err != nil) != tt.wantErr || local != tt.wantLocal {
			t.Errorf("validateRepo(%q) = local %v, err %v; want local %v, error %v", tt.in, local, err, tt.wantLocal, tt.wantErr)
		}
	}
}

func TestGitEnvDropsInheritedGitVariables(t *testing.T) {
	env := gitEnv([]string{"PATH=/bin", "GIT_DIR=/evil", "GIT_SSH_COMMAND=evil", "GIT_CONFIG_PARAMETERS='x'", "SSH_ASKPASS=evil", "HOME=/h"})
	joined := strings.Join(env, "\n")
	for _, bad := range []string{"GIT_DIR", "GIT_SSH_COMMAND", "GIT_CONFIG_PARAMETERS", "SSH_ASKPASS"} {
		if strings.Contains(joined, bad+"=") {
			t.Errorf("gitEnv kept %s: %q", bad, env)
		}
	}
	for _, want := range []string{"PATH=/bin", "HOME=/h", "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null"} {
		if !strings.Contains(joined, want) {
			t.Errorf("gitEnv(...) = %q, want it to contain %q", env, want)
		}
	}
}

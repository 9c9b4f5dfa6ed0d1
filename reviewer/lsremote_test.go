package reviewer

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// lsRemoteRepo is an upstream whose HEAD is main, with a branch "dev", a
// nested branch "release/1.x", and a tag "dev" that points elsewhere.
func lsRemoteRepo(t *testing.T) (upstream string, shas map[string]string) {
	t.Helper()
	r := newTestRepo(t)
	shas = map[string]string{}
	shas["main"] = r.commit("one", map[string]string{"a.txt": "1"})
	shas["tag"] = r.commit("two", map[string]string{"a.txt": "2"})
	shas["dev"] = r.commit("three", map[string]string{"a.txt": "3"})
	shas["release"] = r.commit("four", map[string]string{"a.txt": "4"})
	r.push(shas["main"], "refs/heads/main")
	r.push(shas["dev"], "refs/heads/dev")
	r.push(shas["tag"], "refs/tags/dev")
	r.push(shas["release"], "refs/heads/release/1.x")
	gitT(t, r.upstream, "symbolic-ref", "HEAD", "refs/heads/main")
	return r.upstream, shas
}

func TestLsRemoteTips(t *testing.T) {
	upstream, shas := lsRemoteRepo(t)
	tests := []struct {
		branch string
		want   string
	}{
		{"", shas["main"]},
		{"main", shas["main"]},
		{"dev", shas["dev"]}, // the branch, not the tag of the same name
		{"release/1.x", shas["release"]},
	}
	for _, tt := range tests {
		got, err := LsRemote(context.Background(), upstream, tt.branch)
		if err != nil || got != tt.want {
			t.Errorf("LsRemote(upstream, %q) = %q, %v, want %s", tt.branch, got, err, tt.want)
		}
	}
}

func TestLsRemoteGitErrors(t *testing.T) {
	upstream, _ := lsRemoteRepo(t)
	empty := filepath.Join(t.TempDir(), "empty.git")
	gitT(t, t.TempDir(), "init", "-q", "--bare", empty)
	tests := []struct {
		name, repo, branch string
		is                 error
	}{
		{"missing branch", upstream, "nope", ErrRefNotFound},
		{"empty repository", empty, "", ErrRefNotFound},
		{"path that does not exist", filepath.Join(t.TempDir(), "nothing-here"), "", nil},
		// Loopback only: a refused connection, nothing leaves the machine.
		{"unreachable https", "https://127.0.0.1:1/o/r", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LsRemote(context.Background(), tt.repo, tt.branch)
			var gerr *GitError
			if !errors.As(err, &gerr) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Fatalf("LsRemote(%s, %q) = %q, %v, want a *GitError (is %v)", tt.repo, tt.branch, got, err, tt.is)
			}
		})
	}
}

// TestLsRemoteRefusals: every one of these is refused before git runs. The
// git binary is one that does not exist, so reaching it would be a
// *GitError, not a *SourceError.
func TestLsRemoteRefusals(t *testing.T) {
	noGit := WithGit(filepath.Join(t.TempDir(), "no-such-git"))
	tests := []struct {
		name, repo, branch, field string
	}{
		{"ssh URL", "ssh://git@github.com/o/r", "", "repo"},
		{"plain http", "http://github.com/o/r", "", "repo"},
		{"file URL", "file:///tmp/r", "", "repo"},
		{"userinfo", "https://user:tok@github.com/o/r", "", "repo"},
		{"query", "https://github.com/o/r?x=1", "", "repo"},
		{"option", "--upload-pack=touch /tmp/pwned", "", "repo"},
		{"transport helper", "ext::sh -c touch% /tmp/pwned", "", "repo"},
		{"relative path", "some/dir", "", "repo"},
		{"scp syntax", "git@github.com:o/r", "", "repo"},
		{"empty", "", "", "repo"},
		{"control character", "https://github.com/o/r\n", "", "repo"},
		{"branch option", "https://github.com/o/r", "--exec=x", "branch"},
		{"branch range", "https://github.com/o/r", "a..b", "branch"},
		{"branch glob", "https://github.com/o/r", "ma*", "branch"},
		{"branch reflog", "https://github.com/o/r", "main@{1}", "branch"},
		{"branch full ref", "https://github.com/o/r", "refs/tags/v1", "branch"},
		{"branch HEAD", "https://github.com/o/r", "HEAD", "branch"},
		{"branch space", "https://github.com/o/r", "my branch", "branch"},
		{"branch lock", "https://github.com/o/r", "main.lock", "branch"},
		{"branch hidden part", "https://github.com/o/r", "a/.b", "branch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LsRemote(context.Background(), tt.repo, tt.branch, noGit)
			var serr *SourceError
			if !errors.As(err, &serr) || serr.Field != tt.field {
				t.Errorf("LsRemote(%q, %q) = %v, want a *SourceError on %s", tt.repo, tt.branch, err, tt.field)
			}
		})
	}
}

// TestLsRemoteNoInheritedRedirect: configuration inherited through the
// environment cannot turn a URL into a read of a local repository (with
// it, this call would answer with the upstream's tip).
func TestLsRemoteNoInheritedRedirect(t *testing.T) {
	upstream, _ := lsRemoteRepo(t)
	const url = "https://127.0.0.1:1/o/r" // loopback: refused, nothing leaves the machine
	t.Setenv("GIT_CONFIG_PARAMETERS", "'url.file://"+upstream+".insteadof'='"+url+"'")
	t.Setenv("GIT_ALLOW_PROTOCOL", "file:https")
	got, err := LsRemote(context.Background(), url, "")
	var gerr *GitError
	if !errors.As(err, &gerr) || got != "" {
		t.Errorf("LsRemote(%s) with an inherited insteadOf = %q, %v, want a *GitError", url, got, err)
	}
}

func TestTipOf(t *testing.T) {
	sha := strings.Repeat("a", 40)
	tests := []struct {
		name, out, ref, want string
		ok                   bool
	}{
		{"exact HEAD among tail matches", "1111111111111111111111111111111111111111\trefs/remotes/x/HEAD\n" + sha + "\tHEAD", "HEAD", sha, true},
		{"CRLF", sha + "\trefs/heads/main\r", "refs/heads/main", sha, true},
		{"no match", sha + "\trefs/heads/other", "refs/heads/main", "", false},
		{"sha-256 tip", strings.Repeat("b", 64) + "\tHEAD", "HEAD", "", false},
		{"uppercase tip", strings.ToUpper(sha) + "\tHEAD", "HEAD", "", false},
		{"empty", "", "HEAD", "", false},
	}
	for _, tt := range tests {
		got, err := tipOf(tt.out, tt.ref, "op")
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("%s: tipOf(%q, %q) = %q, %v, want %q (ok %v)", tt.name, tt.out, tt.ref, got, err, tt.want, tt.ok)
		}
		// A bad tip is git's answer, not the user's input: a *GitError
		// (exit 3 from pin), never a *SourceError (exit 2).
		var gerr *GitError
		var serr *SourceError
		if err != nil && (!errors.As(err, &gerr) || errors.As(err, &serr)) {
			t.Errorf("%s: tipOf error = %v (%T), want a *GitError", tt.name, err, err)
		}
	}
}

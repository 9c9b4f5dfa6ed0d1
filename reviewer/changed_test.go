package reviewer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// A registry-like repository: main, then a "pr" branch forked from it that
// modifies, adds, deletes and renames servers, while main moves on.
func changedRepo(t *testing.T) *testRepo {
	t.Helper()
	r := newTestRepo(t)
	r.commit("base", map[string]string{
		"README.md": "registry\n", "servers/a/server.yaml": "name: a\n",
		"servers/b/server.yaml": "name: b\n", "servers/d/server.yaml": "name: d\n",
	})
	gitT(t, r.work, "checkout", "-q", "-b", "pr")
	r.commit("pr", map[string]string{
		"servers/a/server.yaml": "name: a\ntype: server\n", "servers/c/server.yaml": "name: c\n",
		"servers/c/tools.json": "[]\n", "README.md": "registry, changed\n",
	})
	gitT(t, r.work, "rm", "-q", "servers/b/server.yaml")
	gitT(t, r.work, "mv", "servers/d", "servers/e")
	gitT(t, r.work, "commit", "-q", "-m", "delete b, rename d to e")
	gitT(t, r.work, "checkout", "-q", "main")
	r.commit("main moves on", map[string]string{"servers/f/server.yaml": "name: f\n"})
	gitT(t, r.work, "checkout", "-q", "pr")
	return r
}

func TestChangedFiles(t *testing.T) {
	r := changedRepo(t)
	// A hostile repository config must not change the selection.
	gitT(t, r.work, "config", "diff.relative", "true")
	gitT(t, r.work, "config", "diff.renames", "true")
	gitT(t, r.work, "config", "diff.external", "/bin/false")
	want := "README.md,servers/a/server.yaml,servers/c/server.yaml,servers/c/tools.json,servers/e/server.yaml"
	for _, dir := range []string{r.work, filepath.Join(r.work, "servers", "a")} {
		top, files, err := ChangedFiles(context.Background(), dir, "main")
		if err != nil {
			t.Fatalf("ChangedFiles(%s, main) = %v", dir, err)
		}
		if top != r.work || strings.Join(files, ",") != want {
			t.Errorf("ChangedFiles(%s, main) = %s, %q; want %s, %q", dir, top, strings.Join(files, ","), r.work, want)
		}
	}
	_, files, err := ChangedFiles(context.Background(), r.work, "pr")
	if err != nil || len(files) != 0 {
		t.Errorf("ChangedFiles(HEAD's own branch) = %q, %v; want none", files, err)
	}
}

func TestChangedFilesRefused(t *testing.T) {
	r := changedRepo(t)
	for _, tt := range []struct {
		dir, base, field string
	}{
		{r.work, "--output=/tmp/x", "base"},
		{r.work, "main..pr", "base"},
		{r.work, "HEAD:servers", "base"},
		{r.work, "main\nx", "base"},
		{r.work, "", "base"},
		{r.work, "no-such-branch", "base"},
		{r.work, strings.Repeat("0", 40), "base"},
		{t.TempDir(), "main", "repo"},
	} {
		_, files, err := ChangedFiles(context.Background(), tt.dir, tt.base)
		var se *SourceError
		if !errors.As(err, &se) || se.Field != tt.field || files != nil {
			t.Errorf("ChangedFiles(%s, %q) = %q, %v; want a *SourceError on %s", tt.dir, tt.base, files, err, tt.field)
		}
	}
	// A git that cannot run is "could not decide", not bad input.
	_, _, err := ChangedFiles(context.Background(), r.work, "main", WithGit(filepath.Join(t.TempDir(), "git")))
	var se *SourceError
	var ge *GitError
	if errors.As(err, &se) || !errors.As(err, &ge) {
		t.Errorf("ChangedFiles(missing git) = %v; want a *GitError only", err)
	}
}

// A list longer than the runner's cap fails instead of dropping servers.
func TestChangedFilesOverflow(t *testing.T) {
	r := newTestRepo(t)
	r.commit("base", map[string]string{"README.md": "x\n"})
	gitT(t, r.work, "checkout", "-q", "-b", "pr")
	files := map[string]string{}
	name := strings.Repeat("n", 80)
	for i := 0; len(files)*(len(name)+24) <= maxGitOutput; i++ {
		files[fmt.Sprintf("servers/s%04d-%s/server.yaml", i, name)] = "x\n"
	}
	r.commit("many", files)
	_, got, err := ChangedFiles(context.Background(), r.work, "main")
	if !errors.Is(err, ErrTooManyChanges) || got != nil {
		t.Errorf("ChangedFiles(%d files) = %d files, %v; want ErrTooManyChanges", len(files), len(got), err)
	}
}

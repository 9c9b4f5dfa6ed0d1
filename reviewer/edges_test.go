package reviewer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The edges below were unpinned: a mutation run (make mutate) changed each
// and every other test still passed.

// The base commit passes the same genuineness checks as the head: a base
// that exists only in a fork's pull request would let a diff hide what the
// head adds. A genuine base still checks out the head.
func TestFetchBaseIsChecked(t *testing.T) {
	r := newTestRepo(t)
	base := r.commit("base", map[string]string{"f": "base"})
	head := r.commit("head", map[string]string{"f": "head"})
	r.push("HEAD", "refs/heads/main")
	gitT(t, r.work, "checkout", "-q", "-b", "fork", base)
	fork := r.commit("fork only", map[string]string{"f": "head"})
	r.push(fork, "refs/pull/9/head")

	_, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: head, Base: fork}, WithTempDir(t.TempDir()))
	var imp *ImpostorCommitError
	if !errors.As(err, &imp) || imp.Field != "base" || imp.Commit != fork {
		t.Fatalf("Fetch(base only under refs/pull/9/head) = %v (%T), want an *ImpostorCommitError for base %s", err, err, fork)
	}

	c, err := Fetch(context.Background(), SourceRequest{Repo: r.upstream, Head: head, Base: base}, WithTempDir(t.TempDir()))
	if err != nil {
		t.Fatalf("Fetch(genuine base and head) = %v", err)
	}
	defer c.Close()
	if got := readFileT(t, filepath.Join(c.Dir, "f")); got != "head" {
		t.Errorf("checkout with a genuine base: f = %q, want the head's %q", got, "head")
	}
}

// readRegular returns a file of exactly limit bytes whole, and refuses one
// byte more.
func TestReadRegularAtLimit(t *testing.T) {
	const limit = 4096
	dir := t.TempDir()
	at := bytes.Repeat([]byte("a"), limit)
	if err := os.WriteFile(filepath.Join(dir, "at"), at, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "over"), append(at, 'b'), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if got, err := readRegular(root, "at", limit, false); err != nil || !bytes.Equal(got, at) {
		t.Errorf("readRegular(%d bytes, limit %d) = %d bytes, %v; want it whole", limit, limit, len(got), err)
	}
	if _, err := readRegular(root, "over", limit, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("readRegular(%d bytes, limit %d) = %v, want ErrTooLarge", limit+1, limit, err)
	}
}

// git's stderr (which a hostile server partly controls) is kept only up to
// its cap, across writes, and the writer never sees a short write.
func TestCappedBuffer(t *testing.T) {
	b := &cappedBuffer{max: 10}
	for _, p := range []string{"0123456", "789abcd", "efg"} {
		if n, err := b.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v; want %d, nil", p, n, err, len(p))
		}
	}
	if got := b.String(); got != "0123456789" {
		t.Errorf("cappedBuffer kept %q, want the first 10 bytes %q", got, "0123456789")
	}
}

package reviewer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
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

// labels.txt: at exactly its cap it is read (a long file of one valid line
// padded is impossible, so the cap is met with many repeated lines, which
// are then refused for what they say, not for their size); errors name
// the 1-based line.
func TestParseLabelsEdges(t *testing.T) {
	line := "security-blocked\n"
	atCap := bytes.Repeat([]byte(line), MaxLabelsSize/len(line)+1)[:MaxLabelsSize]
	var le *LabelsError
	if _, err := ParseLabels(atCap); !errors.As(err, &le) || strings.Contains(le.Reason, "cap") {
		t.Errorf("ParseLabels(%d bytes) = %v; want refused for its content, not its size", len(atCap), err)
	}
	if _, err := ParseLabels(append(atCap, '\n')); !errors.As(err, &le) || !strings.Contains(le.Reason, "cap") {
		t.Errorf("ParseLabels(%d bytes) = %v; want refused for its size", len(atCap)+1, err)
	}
	tests := []struct {
		in   string
		line int
	}{
		{"security-risk:low\nsecurity-risk:high\n", 2},
		{"security-risk:low\nlgtm\n", 2},
		{"nope\n", 1},
		{"security-risk:low\n\x01\n", 2},
		{"security-risk:low\nsecurity-blocked\nsecurity-risk:\x7f\n", 3},
	}
	for _, tt := range tests {
		if _, err := ParseLabels([]byte(tt.in)); !errors.As(err, &le) || le.Line != tt.line {
			t.Errorf("ParseLabels(%q) = %v, want a *LabelsError on line %d", tt.in, err, tt.line)
		}
	}
}

// A stored labels.txt is checked every time it is read: rewritten to a
// non-label, or to "low" beside a failed verdict, the review is refused.
func TestStoreLatestChecksLabels(t *testing.T) {
	for _, tt := range []struct {
		name, labels string
		failed       bool
	}{
		{"not a label", "lgtm\n", false},
		{"labels beside a failed review", "security-risk:low\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			ok := StoredReview{Report: []byte("# r\n"), Labels: []byte("security-risk:info\n"), Meta: Meta{Verdict: Verdict{Risk: risk.Info}}}
			if tt.failed {
				ok = StoredReview{Report: []byte("# r\n"), Meta: Meta{Verdict: Verdict{Failed: true}}}
			}
			if err := s.Save("postmark", testHead, ok); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Latest("postmark", testHead); err != nil {
				t.Fatalf("control: Latest(untouched) = %v", err)
			}
			if err := os.WriteFile(filepath.Join(s.Dir, "postmark", testHead, LabelsFile), []byte(tt.labels), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Latest("postmark", testHead); err == nil || errors.Is(err, ErrNoReview) {
				t.Errorf("Latest(labels.txt = %q) = %+v, %v; want an error that is not ErrNoReview", tt.labels, got, err)
			}
		})
	}
}

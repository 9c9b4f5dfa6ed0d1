package commands

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/verify"
)

// lockComparison is this run's results held against a lock file.
type lockComparison struct {
	current    map[string]lock.Entry    // every server that verified now
	added      []string                 // verified, not locked: news, not failures
	changed    map[string][]lock.Change // verified, locked, and different
	unverified []*verify.Result         // did not verify now
}

// compareLock sorts results into new, changed and unverified servers.
// Results without a server name (an image given directly) are not
// compared: the lock file is keyed by server.
func compareLock(lf *lock.File, results []*verify.Result, catalogSource string, now time.Time) *lockComparison {
	c := &lockComparison{current: map[string]lock.Entry{}, changed: map[string][]lock.Change{}}
	for _, r := range results {
		name := r.Target.Name
		if name == "" {
			continue
		}
		if r.Verdict != verify.VerdictVerified {
			c.unverified = append(c.unverified, r)
			continue
		}
		e := lockEntry(r, catalogSource, now)
		c.current[name] = e
		old, ok := lf.Servers[name]
		switch {
		case !ok:
			c.added = append(c.added, name)
		case len(lock.Diff(old, e)) > 0:
			c.changed[name] = lock.Diff(old, e)
		}
	}
	slices.Sort(c.added)
	return c
}

// lockEntry is what a verified result locks.
func lockEntry(r *verify.Result, catalogSource string, now time.Time) lock.Entry {
	return lock.Entry{
		Image:         imageRepo(r.Target.Ref),
		Digest:        r.Digest,
		Platforms:     r.Facts.Platforms,
		Pin:           r.Target.ExpectedCommit,
		SignerKey:     r.Facts.SignerKey,
		RekorLogIndex: r.Facts.RekorLogIndex,
		Source:        r.Target.SourceRepo,
		Catalog:       catalogSource,
		LockedAt:      now.UTC().Truncate(time.Second),
	}
}

// imageRepo strips the tag and digest of a reference, keeping the
// repository as the catalog spells it.
func imageRepo(ref string) string {
	repo, _, _ := strings.Cut(ref, "@")
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	return repo
}

// printComparison says what changed, what is new and what did not verify,
// in name order, every value sanitised.
func printComparison(w io.Writer, path string, c *lockComparison) {
	names := make([]string, 0, len(c.changed))
	for n := range c.changed {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(w, "CHANGED  %s (locked in %s)\n", sanitize.Line(n), sanitize.Line(path))
		for _, ch := range c.changed[n] {
			fmt.Fprintf(w, "           %-11s %s -> %s\n", ch.Field, orNone(ch.Old), orNone(ch.New))
		}
	}
	for _, n := range c.added {
		fmt.Fprintf(w, "NEW      %s (not in %s)\n", sanitize.Line(n), sanitize.Line(path))
	}
	for _, r := range c.unverified {
		fmt.Fprintf(w, "NOT VERIFIED  %s: %s (docker mcptrust verify %s shows the checks)\n",
			sanitize.Line(r.Target.Name), trusttext.VerdictHeadline(r.Verdict), sanitize.Line(r.Target.Name))
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return sanitize.Line(s)
}

// unverifiedError is the error for servers that did not verify: a trust
// failure if any failed, else could not decide.
func (c *lockComparison) unverifiedError(prefix string) error {
	if len(c.unverified) == 0 {
		return nil
	}
	undecided := 0
	for _, r := range c.unverified {
		if r.Verdict == verify.VerdictUndecided {
			undecided++
		}
	}
	msg := fmt.Sprintf("%s%d server%s did not verify", prefix, len(c.unverified), plural(len(c.unverified)))
	if undecided == len(c.unverified) {
		return &UndecidedError{Err: fmt.Errorf("%s", msg), Silent: true}
	}
	return silentTrustError(msg)
}

// checkLocked is verify --locked: the verified results held against the
// lock file, the diff on stderr. A changed server is a trust failure; a new
// one is news.
func checkLocked(w io.Writer, lf *lock.File, path string, results []*verify.Result, catalogSource string, now time.Time) error {
	c := compareLock(lf, results, catalogSource, now)
	c.unverified = nil // verify reports those itself
	printComparison(w, path, c)
	if len(c.changed) > 0 {
		return silentTrustError(fmt.Sprintf("%d locked server%s changed", len(c.changed), plural(len(c.changed))))
	}
	return nil
}

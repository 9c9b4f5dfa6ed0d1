package commands

import (
	"context"
	"errors"
	"fmt"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/verify"
)

func lockRun(ctx context.Context, opts *LockOptions) error {
	lf, err := readLock(opts.Path, !opts.Check && !opts.Update)
	if err != nil {
		return err
	}
	cat, err := loadCatalog(ctx, opts.LoadCatalog, opts.Source, opts.Publishers)
	if err != nil {
		return err
	}
	targets, err := lockTargets(cat, lf, opts, opts.Trust.signatureRepo(opts.Getenv, opts.IO.ErrOut))
	if err != nil {
		return err
	}
	v, err := opts.Verifier(ctx, opts.Trust, registryPolicy(cat)...)
	if err != nil {
		return err
	}
	results, err := verifyAll(ctx, v, targets, opts.Concurrency, newProgress(opts.IO, len(targets) > 1, len(targets)))
	if err != nil {
		return err
	}
	cmp := compareLock(lf, results, cat.Source, opts.Now())
	switch {
	case opts.Check:
		return lockCheck(opts, lf, cmp)
	case opts.Update:
		return lockUpdate(opts, lf, cmp)
	}
	return lockAdd(opts, lf, cmp)
}

// readLock reads the lock file; a missing one is an empty lock when
// missingOK, else bad input. A malformed one is bad input naming the file.
func readLock(path string, missingOK bool) (*lock.File, error) {
	lf, err := lock.Read(path)
	switch {
	case err == nil:
		return lf, nil
	case errors.Is(err, lock.ErrNotExist) && missingOK:
		return lock.New(), nil
	case errors.Is(err, lock.ErrNotExist):
		return nil, FlagErrorf("no lock file %s: run docker mcptrust lock SERVER|--all first", path)
	}
	return nil, err
}

// lockTargets selects the servers: the arguments, --all, or (for --check
// and --update) the locked servers. A locked server the catalog no longer
// has is said on stderr and left alone.
func lockTargets(cat *catalog.Catalog, lf *lock.File, opts *LockOptions, sigRepo string) ([]verify.Target, error) {
	if opts.All {
		return selectTargets(cat, &VerifyOptions{All: true}, sigRepo)
	}
	names := opts.Servers
	if len(names) == 0 {
		names = lf.Names()
	}
	var out []verify.Target
	for _, n := range names {
		s, ok := cat.Lookup(n)
		switch {
		case !ok && len(opts.Servers) == 0:
			fmt.Fprintf(opts.IO.ErrOut, "note: %s is locked but not in catalog %s\n", sanitize.Line(n), sanitize.Line(cat.Source))
			continue
		case !ok:
			return nil, FlagErrorf("no server %q in catalog %s", n, cat.Source)
		case s.Image == "":
			return nil, FlagErrorf("server %q is a %s server with no image to lock", n, s.Type)
		}
		t := targetFor(s, sigRepo)
		out = append(out, t)
	}
	return out, nil
}

// lockAdd locks new servers. Everything must verify and nothing locked may
// have changed; otherwise nothing is written.
func lockAdd(opts *LockOptions, lf *lock.File, cmp *lockComparison) error {
	out := lockOutput{mode: "lock", servers: lockServers(lf, cmp)}
	err := cmp.unverifiedError("refusing to lock: ")
	if err == nil && len(cmp.changed) > 0 {
		err = silentTrustError(fmt.Sprintf("%d locked server%s changed; review, then lock --update", len(cmp.changed), plural(len(cmp.changed))))
	}
	if err == nil {
		for _, n := range cmp.added {
			lf.Servers[n] = cmp.current[n]
		}
		if werr := lock.Write(opts.Path, lf); werr != nil {
			return werr
		}
		out.written = true
		out.line = fmt.Sprintf("locked %d server%s in %s (%d new)", len(cmp.current), plural(len(cmp.current)), sanitize.Line(opts.Path), len(cmp.added))
	}
	return printThen(opts.print(cmp, out), err)
}

// lockCheck compares and writes nothing.
func lockCheck(opts *LockOptions, lf *lock.File, cmp *lockComparison) error {
	out := lockOutput{mode: "check", servers: lockServers(lf, cmp)}
	var err error
	if len(cmp.changed) > 0 {
		err = silentTrustError(fmt.Sprintf("%d locked server%s changed", len(cmp.changed), plural(len(cmp.changed))))
	} else if err = cmp.unverifiedError(""); err == nil {
		n := len(cmp.current) - len(cmp.added)
		out.line = fmt.Sprintf("%d server%s match %s", n, plural(n), sanitize.Line(opts.Path))
	}
	return printThen(opts.print(cmp, out), err)
}

// lockUpdate rewrites the servers that verify now, keeps the others as
// they were, and says what changed.
func lockUpdate(opts *LockOptions, lf *lock.File, cmp *lockComparison) error {
	out := lockOutput{mode: "update", servers: lockServers(lf, cmp)}
	n := 0
	for name, e := range cmp.current {
		old, ok := lf.Servers[name]
		if ok && len(lock.Diff(old, e)) == 0 {
			continue
		}
		lf.Servers[name] = e
		n++
	}
	if n > 0 {
		if err := lock.Write(opts.Path, lf); err != nil {
			return err
		}
	}
	out.written = n > 0
	out.line = fmt.Sprintf("updated %d server%s in %s", n, plural(n), sanitize.Line(opts.Path))
	return printThen(opts.print(cmp, out), cmp.unverifiedError("not updated: "))
}

// printThen is the run's error: a failure to print, else the verdict's.
func printThen(printErr, err error) error {
	if printErr != nil {
		return printErr
	}
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

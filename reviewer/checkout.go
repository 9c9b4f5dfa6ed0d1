package reviewer

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/proc"
)

// prepare clones, makes sure each commit is present and genuine, and checks
// out the head.
func (c *Checkout) prepare(ctx context.Context, local bool) error {
	args := []string{"clone", "--quiet", "--no-recurse-submodules", "--no-checkout"}
	if local {
		// Go through the file transport instead of copying or hard-linking
		// the object store of a directory we do not own.
		args = append(args, "--no-local")
	}
	args = append(args, "--", c.Repo, c.Dir)
	if _, err := c.git.run(ctx, c.tmp, "cloning repository", args...); err != nil {
		return err
	}
	if err := c.ensureCommit(ctx, "head", c.Head); err != nil {
		return err
	}
	if c.Base != "" {
		if err := c.ensureCommit(ctx, "base", c.Base); err != nil {
			return err
		}
	}
	_, err := c.git.run(ctx, c.Dir, "checking out head commit",
		"checkout", "--quiet", "--no-recurse-submodules", "--detach", c.Head, "--")
	if err != nil {
		return err
	}
	return c.verifyResolves(ctx, "head", "HEAD", c.Head)
}

// ensureCommit fetches sha by id when the clone did not bring it, then
// checks it is the commit it claims and that a branch or tag contains it.
func (c *Checkout) ensureCommit(ctx context.Context, field, sha string) error {
	if _, err := c.git.run(ctx, c.Dir, "looking up commit",
		"rev-parse", "--verify", "--quiet", "--end-of-options", sha+"^{commit}"); err != nil {
		_, err := c.git.run(ctx, c.Dir, fmt.Sprintf("fetching %s commit %s", field, sha),
			"fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head",
			"--end-of-options", "origin", sha)
		if err != nil {
			return err
		}
	}
	if err := c.verifyResolves(ctx, field, sha+"^{commit}", sha); err != nil {
		return err
	}
	typ, err := c.git.run(ctx, c.Dir, "reading object type", "cat-file", "-t", sha)
	if err != nil || typ != "commit" {
		return &CommitError{Field: field, Commit: sha, Got: typ, Err: errors.New("object is not a commit")}
	}
	return c.checkReachable(ctx, field, sha)
}

// verifyResolves checks that rev resolves to exactly sha, so a ref named like
// a SHA or a tag object can never stand in for the commit (THREATS E19).
func (c *Checkout) verifyResolves(ctx context.Context, field, rev, sha string) error {
	got, err := c.git.run(ctx, c.Dir, "resolving commit", "rev-parse", "--verify", "--end-of-options", rev)
	if err != nil {
		return &CommitError{Field: field, Commit: sha, Err: fmt.Errorf("does not resolve to a commit: %w", err)}
	}
	if got != sha {
		return &CommitError{Field: field, Commit: sha, Got: got, Err: errors.New("resolves to a different object")}
	}
	return nil
}

// checkReachable requires a branch or tag of the cloned repository to
// contain sha. Refs are compared by the commits they point at, never by name.
func (c *Checkout) checkReachable(ctx context.Context, field, sha string) error {
	out, err := c.git.run(ctx, c.Dir, "listing refs that contain commit",
		"for-each-ref", "--count=1", "--format=%(refname)", "--contains="+sha,
		"refs/remotes/origin/", "refs/tags/")
	if err != nil {
		return err
	}
	if out == "" {
		return &ImpostorCommitError{Field: field, Repo: c.Repo, Commit: sha}
	}
	return nil
}

// diffArgs is git diff base head, as text whatever .gitattributes says (so an
// attribute cannot hide a change as "binary"), without external diff drivers
// or textconv filters.
func (c *Checkout) diffArgs() []string {
	return []string{
		"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--text", "--find-renames",
		"--src-prefix=a/", "--dst-prefix=b/", "--end-of-options", c.Base, c.Head,
	}
}

// Diff writes the unified diff base..head to w. It is an error in full mode.
func (c *Checkout) Diff(ctx context.Context, w io.Writer) error {
	if c.Base == "" {
		return errors.New("diffing checkout: no base commit (full mode)")
	}
	cmd := c.git.command(ctx, c.Dir, c.diffArgs()...)
	stderr := &proc.CappedBuffer{Max: maxGitOutput}
	cmd.Stdout, cmd.Stderr = w, stderr
	if err := cmd.Run(); err != nil {
		return &GitError{Op: "diffing base and head", Stderr: stderr.String(), Err: withCtxErr(ctx, err)}
	}
	return nil
}

package reviewer

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/proc"
)

// ErrTooManyChanges means the list of changed files did not fit the
// runner's output cap: a partial list would skip servers, so none is
// returned.
var ErrTooManyChanges = errors.New("too many changed files to list")

// ChangedFiles lists the files added or modified on HEAD since it forked
// from base, in the git repository holding dir: the selection the MCP
// registry's CI validates (git diff --name-only --diff-filter=AM
// base...HEAD). It returns the repository's top level and the paths
// relative to it, slash-separated, as git stores them. Renames count as
// additions (--no-renames), so a server moved to a new folder is checked
// as new. Git runs through the hardened runner: no hooks, no external
// diff or textconv drivers, no user or system config.
//
// base is a commit-ish ("origin/main", a SHA, "HEAD~3"); it is refused
// before git runs when it starts with '-' or holds "..", ':', spaces or
// control characters. Errors: *SourceError when base is refused, dir is not
// in a repository or base names no commit (git ran and said no);
// *GitError when git could not run (missing binary, cancelled) or the list
// overflowed (ErrTooManyChanges).
func ChangedFiles(ctx context.Context, dir, base string, opts ...FetchOption) (string, []string, error) {
	cfg := fetchConfig{git: "git"}
	for _, o := range opts {
		o(&cfg)
	}
	if err := validateRev(base); err != nil {
		return "", nil, &SourceError{Field: "base", Value: base, Err: err}
	}
	g := gitRunner{bin: cfg.git}
	top, err := g.run(ctx, dir, "finding the repository of "+dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", nil, refused(ctx, "repo", dir, err)
	}
	if _, err := g.run(ctx, top, "resolving "+base, "rev-parse", "--verify", "--quiet",
		"--end-of-options", base+"^{commit}"); err != nil {
		return "", nil, refused(ctx, "base", base, fmt.Errorf("names no commit in %s: %w", top, err))
	}
	files, err := g.nulList(ctx, top, "listing files changed since "+base,
		"diff", "--name-only", "-z", "--no-renames", "--no-relative", "--no-ext-diff", "--no-textconv",
		"--diff-filter=AM", "--end-of-options", base+"...HEAD", "--")
	if err != nil {
		return "", nil, refused(ctx, "base", base, err)
	}
	return top, files, nil
}

// nulList runs git for NUL-separated output (-z) and splits it, untrimmed.
func (g gitRunner) nulList(ctx context.Context, dir, op string, args ...string) ([]string, error) {
	cmd := g.command(ctx, dir, args...)
	stdout := &proc.CappedBuffer{Max: maxGitOutput}
	stderr := &proc.CappedBuffer{Max: maxGitOutput}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return nil, &GitError{Op: op, Stderr: strings.TrimSpace(stderr.String()), Err: err}
	}
	if stdout.Len() >= maxGitOutput {
		return nil, &GitError{Op: op, Err: fmt.Errorf("%w (more than %d bytes)", ErrTooManyChanges, maxGitOutput)}
	}
	out := strings.TrimSuffix(stdout.String(), "\x00")
	if out == "" {
		return nil, nil
	}
	return strings.Split(out, "\x00"), nil
}

// refused makes a git failure on the caller's input a *SourceError: git
// ran and said no (exit status non-zero). A git that could not run, or a
// cancelled context, stays a *GitError.
func refused(ctx context.Context, field, value string, err error) error {
	var exit *exec.ExitError
	if ctx.Err() != nil || !errors.As(err, &exit) {
		return err
	}
	return &SourceError{Field: field, Value: value, Err: err}
}

// validateRev refuses a revision git could read as an option, a range or a
// path, before git runs.
func validateRev(rev string) error {
	switch {
	case rev == "":
		return errors.New("empty")
	case strings.HasPrefix(rev, "-"):
		return errors.New("starts with '-'")
	case strings.Contains(rev, ".."):
		return errors.New(`contains ".." (give one commit, not a range)`)
	case strings.ContainsAny(rev, ": \\"):
		return errors.New(`contains ':', a space or '\'`)
	case strings.ContainsFunc(rev, func(r rune) bool { return r < 0x20 || r == 0x7f || r > 0x7e }):
		return errors.New("contains control or non-ASCII characters")
	}
	return nil
}

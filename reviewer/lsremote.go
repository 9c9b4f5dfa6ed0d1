package reviewer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ErrRefNotFound means the repository answered but has no such branch (or,
// for the remote HEAD, no default branch yet). It is carried by a *GitError:
// nothing can be compared, so it is "could not decide".
var ErrRefNotFound = errors.New("no such branch in the repository")

// LsRemote asks repo for the commit at the tip of branch, with git
// ls-remote through the hardened runner; an empty branch asks for the
// remote HEAD (the default branch). Nothing is cloned or fetched.
//
// repo is an https:// URL (no userinfo, query or fragment), or the
// absolute path of a local repository, for which alone the file transport
// is allowed. branch is a plain branch name ("main", "release/1.x"), never
// an option, a pattern or a full ref. The commit returned is always
// canonical lowercase 40-hex.
//
// Errors: *SourceError for a repo or branch refused before git runs,
// *GitError when git failed (unreachable, no such repository, timeout) or
// the branch does not exist (wrapping ErrRefNotFound).
func LsRemote(ctx context.Context, repo, branch string, opts ...FetchOption) (string, error) {
	cfg := fetchConfig{git: "git"}
	for _, o := range opts {
		o(&cfg)
	}
	local, err := validateRemote(repo)
	if err != nil {
		return "", err
	}
	ref := "HEAD"
	if branch != "" {
		if err := validateBranch(branch); err != nil {
			return "", err
		}
		ref = "refs/heads/" + branch
	}
	g := gitRunner{bin: cfg.git, allowFile: local}
	op := fmt.Sprintf("asking %s for %s", repo, ref)
	out, err := g.run(ctx, "", op, "ls-remote", "--quiet", "--", repo, ref)
	if err != nil {
		return "", err
	}
	return tipOf(out, ref, op)
}

// validateRemote accepts a plain https URL or an absolute local path and
// reports whether it is local. Unlike Fetch it does not require the path
// to exist: a missing repository is git's "could not read", like an
// unreachable host.
func validateRemote(repo string) (local bool, err error) {
	bad := func(msg string) (bool, error) {
		return false, &SourceError{Field: "repo", Value: repo, Err: errors.New(msg)}
	}
	switch {
	case repo == "":
		return bad("empty")
	case strings.HasPrefix(repo, "-"):
		return bad("starts with '-'")
	case strings.ContainsFunc(repo, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return bad("contains control characters")
	case strings.Contains(repo, "://"):
		if err := validateURL(repo); err != nil {
			return bad(err.Error())
		}
		return false, nil
	case strings.Contains(repo, "::"):
		return bad("git transport helpers (<transport>::<address>) are not allowed")
	case !filepath.IsAbs(repo):
		return bad("not an https:// URL or an absolute local path")
	}
	return true, nil
}

// validateBranch refuses branch names git would read as something else
// (an option, a range, a reflog expression, a glob) and anything outside
// a conservative character set. It is stricter than git check-ref-format.
func validateBranch(b string) error {
	why := ""
	switch {
	case strings.HasPrefix(b, "-"):
		why = "starts with '-'"
	case strings.HasPrefix(b, "refs/"), b == "HEAD":
		why = "give a branch name, not a ref"
	case strings.Trim(b, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-") != "":
		why = "only letters, digits, '.', '_', '/' and '-' are allowed"
	case strings.Contains(b, ".."), strings.Contains(b, "//"), strings.Contains(b, "/."):
		why = `contains "..", "//" or "/."`
	case strings.HasPrefix(b, "/"), strings.HasPrefix(b, "."), strings.HasSuffix(b, "/"),
		strings.HasSuffix(b, "."), strings.HasSuffix(b, ".lock"):
		why = "not a valid branch name"
	}
	if why != "" {
		return &SourceError{Field: "branch", Value: b, Err: errors.New(why)}
	}
	return nil
}

// tipOf picks the line of ls-remote output naming exactly ref: the
// patterns git takes match any ref that ends with them, so
// refs/remotes/x/HEAD would answer "HEAD" too.
func tipOf(out, ref, op string) (string, error) {
	for line := range strings.SplitSeq(out, "\n") {
		sha, name, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if !ok || name != ref {
			continue
		}
		if !commitRE().MatchString(sha) {
			return "", &GitError{Op: op, Err: fmt.Errorf("tip %q is not a 40-hex lowercase commit", sha)}
		}
		return sha, nil
	}
	return "", &GitError{Op: op, Err: ErrRefNotFound}
}

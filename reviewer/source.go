package reviewer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// SourceRequest names what to review.
type SourceRequest struct {
	// Repo is an https:// URL (no userinfo, query or fragment) or the path of
	// a local git repository the caller names. Nothing else: no ssh, git://,
	// file:// URLs, transport helpers (ext::) or leading dashes.
	Repo string
	// Head is the commit under review, canonical 40-hex lowercase.
	Head string
	// Base, when set, is the commit to diff from (differential mode);
	// canonical 40-hex lowercase. Empty means a full review.
	Base string
}

// FetchOption configures Fetch.
type FetchOption func(*fetchConfig)

type fetchConfig struct {
	tempDir string
	git     string
}

// WithTempDir makes Fetch create its checkout under dir instead of the
// default os.TempDir().
func WithTempDir(dir string) FetchOption { return func(c *fetchConfig) { c.tempDir = dir } }

// WithGit runs the named git binary instead of "git" from PATH.
func WithGit(path string) FetchOption { return func(c *fetchConfig) { c.git = path } }

// Checkout is a clean working tree of the head commit in a private temporary
// directory. Read it; never execute anything from it. Close removes it.
type Checkout struct {
	// Dir is the working tree of Head (it contains .git).
	Dir string
	// Repo is the URL or the absolute local path that was cloned.
	Repo string
	// Head and Base are the verified commits; Base is empty in full mode.
	Head, Base string

	tmp string
	git gitRunner
}

var commitRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{40}$`) })

// Fetch clones req.Repo into a new temporary directory without checking out
// or fetching submodules, fetches Head (and Base) by SHA when no branch
// brought them, checks that each names itself as a commit and is reachable
// from a branch or tag of the repository, and checks out Head detached.
//
// Errors: *SourceError for bad input (nothing ran), *CommitError or
// *ImpostorCommitError when a commit is not what it claims, *GitError when
// git failed (network, missing object).
func Fetch(ctx context.Context, req SourceRequest, opts ...FetchOption) (*Checkout, error) {
	cfg := fetchConfig{git: "git"}
	for _, o := range opts {
		o(&cfg)
	}
	repo, local, err := validateRequest(req)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(cfg.tempDir, "mcptrust-review-")
	if err != nil {
		return nil, fmt.Errorf("creating checkout directory: %w", err)
	}
	c := &Checkout{
		Dir: filepath.Join(tmp, "repo"), Repo: repo, Head: req.Head, Base: req.Base,
		tmp: tmp, git: gitRunner{bin: cfg.git, allowFile: local},
	}
	if err := c.prepare(ctx, local); err != nil {
		_ = c.Close()
		return nil, err
	}
	return c, nil
}

// Close removes the checkout.
func (c *Checkout) Close() error {
	if c.tmp == "" {
		return nil
	}
	if err := os.RemoveAll(c.tmp); err != nil {
		return fmt.Errorf("removing checkout: %w", err)
	}
	return nil
}

func validateRequest(req SourceRequest) (repo string, local bool, err error) {
	if err := validateCommit("head", req.Head); err != nil {
		return "", false, err
	}
	if req.Base != "" {
		if err := validateCommit("base", req.Base); err != nil {
			return "", false, err
		}
	}
	return validateRepo(req.Repo)
}

func validateCommit(field, sha string) error {
	if !commitRE().MatchString(sha) {
		return &SourceError{Field: field, Value: sha, Err: errors.New("not a canonical 40-hex lowercase commit")}
	}
	return nil
}

// validateRepo accepts a plain https URL or an existing local directory and
// returns what to pass to git clone, and whether it is local.
func validateRepo(s string) (string, bool, error) {
	bad := func(msg string) (string, bool, error) {
		return "", false, &SourceError{Field: "repo", Value: s, Err: errors.New(msg)}
	}
	switch {
	case s == "":
		return bad("empty")
	case strings.HasPrefix(s, "-"):
		return bad("starts with '-'")
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return bad("contains control characters")
	case strings.Contains(s, "://"):
		if err := validateURL(s); err != nil {
			return bad(err.Error())
		}
		return s, false, nil
	case strings.Contains(s, "::"):
		return bad("git transport helpers (<transport>::<address>) are not allowed")
	}
	abs, err := filepath.Abs(s)
	if err != nil {
		return bad(err.Error())
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return bad("not an https:// URL or a local directory")
	}
	return abs, true, nil
}

func validateURL(s string) error {
	if !strings.HasPrefix(s, "https://") {
		return errors.New("only https:// URLs are allowed")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err
	case u.User != nil || strings.Contains(u.Host, "@"):
		return errors.New("URL must not carry userinfo")
	case u.Host == "" || strings.HasPrefix(u.Host, "-"):
		return errors.New("URL needs a host")
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, "?# \\"):
		return errors.New("URL must not carry a query, fragment, space or backslash")
	}
	return nil
}

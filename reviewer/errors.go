package reviewer

import (
	"errors"
	"fmt"
)

// SourceError reports input that cannot be reviewed as given: a URL that is
// not plain https, a path that is not a directory, a commit that is not
// canonical 40-hex lowercase. Nothing was executed.
type SourceError struct {
	Field string // "repo", "head" or "base"
	Value string // the rejected input, raw
	Err   error
}

// Error implements error.
func (e *SourceError) Error() string {
	return fmt.Sprintf("invalid %s %q: %v", e.Field, e.Value, e.Err)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *SourceError) Unwrap() error { return e.Err }

// GitError means git could not do what was asked: the repository is
// unreachable, the commit could not be fetched, the process failed. It is
// "could not check", not "the check said no". Stderr is raw text from git
// (and the remote): sanitise it before printing.
type GitError struct {
	Op     string
	Stderr string
	Err    error
}

// Error implements error.
func (e *GitError) Error() string {
	if e.Stderr == "" {
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("%s: %v: %s", e.Op, e.Err, e.Stderr)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *GitError) Unwrap() error { return e.Err }

// CommitError means a named commit is not what it claims to be: it does not
// resolve to itself (a ref named like a SHA, THREATS E19), or the object is
// not a commit. The check said no.
type CommitError struct {
	Field  string // "head" or "base"
	Commit string
	Got    string // what git resolved it to, or the object type
	Err    error
}

// Error implements error.
func (e *CommitError) Error() string {
	return fmt.Sprintf("checking %s commit %s: %v (got %q)", e.Field, e.Commit, e.Err, e.Got)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *CommitError) Unwrap() error { return e.Err }

// ErrImpostorCommit is what ImpostorCommitError unwraps to.
var ErrImpostorCommit = errors.New("commit is not reachable from any branch or tag of the repository")

// ImpostorCommitError means the commit exists (it could be fetched by its
// SHA) but no branch or tag of the named repository contains it, as for a
// commit that lives only in a fork or under refs/pull/* (THREATS E18).
type ImpostorCommitError struct {
	Field  string // "head" or "base"
	Repo   string
	Commit string
}

// Error implements error.
func (e *ImpostorCommitError) Error() string {
	return fmt.Sprintf("checking %s commit %s of %s: impostor commit: %v", e.Field, e.Commit, e.Repo, ErrImpostorCommit)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *ImpostorCommitError) Unwrap() error { return ErrImpostorCommit }

// ErrInvalidLabels is what every LabelsError unwraps to: labels.txt is not
// exactly one risk label and at most one security-blocked.
var ErrInvalidLabels = errors.New("invalid labels")

// LabelsError says why labels.txt was rejected. Line is 1-based, 0 when the
// problem is the file as a whole.
type LabelsError struct {
	Line   int
	Reason string
}

// Error implements error.
func (e *LabelsError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%v: %s", ErrInvalidLabels, e.Reason)
	}
	return fmt.Sprintf("%v: line %d: %s", ErrInvalidLabels, e.Line, e.Reason)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *LabelsError) Unwrap() error { return ErrInvalidLabels }

// ErrStaleReview is what StaleReviewError unwraps to.
var ErrStaleReview = errors.New("stale review")

// StaleReviewError means a report is about another commit than the one under
// review or on display (THREATS D3).
type StaleReviewError struct {
	Field string // "head" or "base"
	Want  string
	Got   string // "" when the report names none
}

// Error implements error.
func (e *StaleReviewError) Error() string {
	if e.Got == "" {
		return fmt.Sprintf("%v: report names no %s commit, want %s", ErrStaleReview, e.Field, e.Want)
	}
	return fmt.Sprintf("%v: report names %s commit %q, want %s", ErrStaleReview, e.Field, e.Got, e.Want)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *StaleReviewError) Unwrap() error { return ErrStaleReview }

// ExtractError means an agent output could not be taken: missing, not a
// regular file, linked, too large, or changed while it was opened.
type ExtractError struct {
	Name string
	Err  error
}

// Error implements error.
func (e *ExtractError) Error() string { return fmt.Sprintf("extracting %s: %v", e.Name, e.Err) }

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *ExtractError) Unwrap() error { return e.Err }

var (
	_ error = (*SourceError)(nil)
	_ error = (*GitError)(nil)
	_ error = (*CommitError)(nil)
	_ error = (*ImpostorCommitError)(nil)
	_ error = (*LabelsError)(nil)
	_ error = (*StaleReviewError)(nil)
	_ error = (*ExtractError)(nil)
)

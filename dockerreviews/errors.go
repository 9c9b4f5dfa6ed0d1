package dockerreviews

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotCached means --offline asked for an answer the cache does not hold.
var ErrNotCached = errors.New("not in the GitHub cache (run once without --offline)")

// ErrTooBig means a GitHub answer exceeded its size cap.
var ErrTooBig = errors.New("GitHub answer exceeds the size cap")

// RateLimitError is a GitHub rate limit (primary or secondary). Nothing
// waits for it: the caller reports it and stops.
type RateLimitError struct {
	// Secondary is GitHub's abuse/secondary limit rather than the hourly one.
	Secondary bool
	// Reset is when the hourly limit resets (zero when unknown).
	Reset time.Time
	// RetryAfter is GitHub's Retry-After, zero when not given.
	RetryAfter time.Duration
	// Authenticated tells whether a token was sent.
	Authenticated bool
}

func (e *RateLimitError) Error() string {
	msg := "GitHub API rate limit reached"
	if e.Secondary {
		msg = "GitHub API secondary rate limit reached"
	}
	switch {
	case e.RetryAfter > 0:
		msg += fmt.Sprintf(", retry after %s", e.RetryAfter.Round(time.Second))
	case !e.Reset.IsZero():
		msg += ", resets at " + e.Reset.UTC().Format(time.RFC3339)
	}
	if !e.Authenticated {
		msg += " (anonymous: set GH_TOKEN or GITHUB_TOKEN for a higher limit)"
	}
	return msg
}

// AnswerError is a GitHub answer this package refuses for one server: it
// did not parse, was too big, or names another server or commit. It is
// never "no review" and never "no risk".
type AnswerError struct {
	Server string
	What   string // which answer, e.g. "check run 123"
	Err    error
}

func (e *AnswerError) Error() string {
	return fmt.Sprintf("Docker review of %s: bad GitHub answer (%s): %v", e.Server, e.What, e.Err)
}

func (e *AnswerError) Unwrap() error { return e.Err }

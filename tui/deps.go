package tui

import (
	"context"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/verify"
)

// Verifier verifies the image of one catalog server. The command layer
// adapts a *verify.Verifier (building the verify.Target from the entry). An
// error means the server could not be checked at all (bad input); trust
// failures and network problems are in the Result.
type Verifier interface {
	Verify(ctx context.Context, s *catalog.Server) (*verify.Result, error)
}

// Reports finds the latest security review of a server.
type Reports interface {
	Report(ctx context.Context, s *catalog.Server) (Report, error)
}

// Report is what Reports returns. Found false means there is no review.
type Report struct {
	// Found is true when a review exists.
	Found bool
	// Markdown is the report text: untrusted (it is written by an AI agent
	// reading untrusted code), rendered through tui/render.
	Markdown string
	// Risk is the review's overall risk from its labels.
	Risk risk.Level
	// Blocked is true when the review carries the security-blocked label.
	Blocked bool
	// Failed is true when the review did not complete (timeout, refusal,
	// missing or malformed output): never read as "no risk".
	Failed bool
	// NeedsHuman is true when the pre-scan found high risk that the agent
	// called low: the agent may have been talked out of it.
	NeedsHuman bool
	// ForPin is true when the review is of the commit the catalog pins; a
	// review of another commit says nothing about the pinned one.
	ForPin bool
	// Commit is the reviewed head commit, when known.
	Commit string
	// Source is whose review it is (review_source.go).
	Source ReviewSource
}

// Clipboard puts text on the user's clipboard.
type Clipboard interface {
	WriteClipboard(ctx context.Context, text string) error
}

// NoReports is a Reports with no reviews at all.
type NoReports struct{}

// Report implements Reports: never a review.
func (NoReports) Report(context.Context, *catalog.Server) (Report, error) { return Report{}, nil }

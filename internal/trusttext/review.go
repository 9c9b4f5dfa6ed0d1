package trusttext

import (
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// UntrustedReportTitle frames every review report: its text is written by
// an AI agent that read untrusted code, and may imitate this tool.
const UntrustedReportTitle = "AI-generated review (untrusted content)"

// ReviewHeadline names a review's outcome in capitals, worst condition
// first: PASS, REVIEW FAILED, BLOCKED, NEEDS HUMAN REVIEW or RISK <LEVEL>.
func ReviewHeadline(v reviewer.Verdict) string {
	switch {
	case v.Pass():
		return "PASS"
	case v.Status() != reviewer.StatusReviewed:
		return strings.ToUpper(strings.ReplaceAll(v.Status(), "-", " "))
	}
	return "RISK " + strings.ToUpper(v.Risk.String())
}

// Risk is the badge of a review's risk; blocked beats every risk.
func Risk(r risk.Level, blocked bool) Badge {
	if blocked {
		return Badge{"✘", "blocked", "block", ToneBad}
	}
	switch r {
	case risk.Info, risk.Low:
		return Badge{"✔", r.String(), r.String(), ToneGood}
	case risk.Medium:
		return Badge{"!", "medium", "med", ToneWarn}
	case risk.High:
		return Badge{"!", "high", "high", ToneWarn}
	case risk.Critical:
		return Badge{"✘", "critical", "crit", ToneBad}
	}
	return Badge{"?", r.String(), "?", ToneWarn}
}

// Review states that are not a risk.
var (
	ReviewLoading = Badge{"⟳", "loading", "load", ToneDim}
	ReviewNone    = Badge{"-", "no review", "none", ToneDim}
	ReviewError   = Badge{"?", "review error", "error", ToneWarn}
	ReviewFailed  = Badge{"✘", "review failed", "fail", ToneBad}
	NeedsHuman    = Badge{"!", "needs human", "human", ToneWarn}
)

// Old marks a review of another commit than the pinned one: a clean review
// of another commit proves nothing, so good becomes a warning.
func Old(b Badge) Badge {
	b = b.Suffixed("(old)", " old")
	if b.Tone == ToneGood {
		b.Tone = ToneWarn
	}
	return b
}

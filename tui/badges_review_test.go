package tui

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// Review badges: every state has a word, and nothing that is not a clean
// review of the pinned commit looks good.
func TestReviewBadge(t *testing.T) {
	found := func(r Report) reviewState { r.Found = true; return reviewState{kind: reviewFound, report: r} }
	tests := []struct {
		name  string
		state reviewState
		text  string
		tone  tone
	}{
		{"none", reviewState{kind: reviewNone}, "- no review", toneDim},
		{"info", found(Report{Risk: risk.Info, ForPin: true}), "✔ info", toneGood},
		{"high", found(Report{Risk: risk.High, ForPin: true}), "! high", toneWarn},
		{"critical", found(Report{Risk: risk.Critical, ForPin: true}), "✘ critical", toneBad},
		{"blocked", found(Report{Risk: risk.Low, Blocked: true, ForPin: true}), "✘ blocked", toneBad},
		{"failed is never no risk", found(Report{Risk: risk.Info, Failed: true, ForPin: true}), "✘ review failed", toneBad},
		{"needs human", found(Report{Risk: risk.High, NeedsHuman: true, ForPin: true}), "! needs human", toneWarn},
		{"clean review of another commit", found(Report{Risk: risk.Info}), "✔ info (old)", toneWarn},
	}
	for _, tt := range tests {
		b := reviewBadge(tt.state)
		if b.Text() != tt.text || b.Tone != tt.tone {
			t.Errorf("reviewBadge(%s) = %q/%v, want %q/%v", tt.name, b.Text(), b.Tone, tt.text, tt.tone)
		}
	}
}

package trusttext

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

func TestCheckMarks(t *testing.T) {
	tests := []struct {
		s    verify.Status
		want string
		tone Tone
	}{
		{verify.StatusPass, "✔ pass ", ToneGood},
		{verify.StatusFail, "✘ FAIL ", ToneBad},
		{verify.StatusSkip, "- skip ", ToneDim},
		{verify.StatusError, "? ERROR", ToneWarn},
		{verify.Status("surprise"), "? ERROR", ToneWarn},
	}
	for _, tt := range tests {
		if got := CheckMark(tt.s); got != tt.want || Check(tt.s).Tone != tt.tone {
			t.Errorf("CheckMark(%q) = %q tone %v, want %q tone %v", tt.s, got, Check(tt.s).Tone, tt.want, tt.tone)
		}
	}
}

func TestVerdictWords(t *testing.T) {
	tests := []struct {
		v                 verify.Verdict
		text, short, head string
	}{
		{verify.VerdictVerified, "✔ verified", "✔ sig", "VERIFIED (provenance only"},
		{verify.VerdictFailed, "✘ failed", "✘ fail", "FAILED"},
		{verify.VerdictNotEnforceable, "⊘ not enforceable", "⊘ unenf", "NOT ENFORCEABLE"},
		{verify.VerdictUndecided, "? could not decide", "? undec", "COULD NOT DECIDE"},
		{verify.Verdict(""), "? could not decide", "? undec", "COULD NOT DECIDE"}, // fail closed
	}
	for _, tt := range tests {
		b := Verdict(tt.v)
		if b.Text() != tt.text || b.Compact() != tt.short || !strings.HasPrefix(VerdictHeadline(tt.v), tt.head) {
			t.Errorf("Verdict(%q) = %q/%q/%q, want %q/%q/%q...", tt.v, b.Text(), b.Compact(), VerdictHeadline(tt.v), tt.text, tt.short, tt.head)
		}
	}
	if b := Failed(verify.CheckRevisionLabel); b.Text() != "✘ failed: revision-label" || b.Compact() != "✘ label" {
		t.Errorf("Failed(revision-label) = %q/%q", b.Text(), b.Compact())
	}
}

// Every badge a row can show has a symbol, a word, and a compact word that
// fits the compact columns; within a column no two compact forms collide
// unless their long forms do too.
func TestLegendCompactForms(t *testing.T) {
	for _, row := range Legend() {
		seen := map[string]string{}
		for _, b := range row.Badges {
			word := strings.TrimSuffix(b.Short, " old")
			if b.Symbol == "" || b.Word == "" || b.Short == "" || utf8.RuneCountInString(word) > ShortWordWidth {
				t.Errorf("%s badge %+v: want a symbol, a word and a short word of <= %d cells", row.Column, b, ShortWordWidth)
			}
			if prev, ok := seen[b.Compact()]; ok && prev != b.Text() {
				t.Errorf("%s: compact %q stands for both %q and %q", row.Column, b.Compact(), prev, b.Text())
			}
			seen[b.Compact()] = b.Text()
		}
	}
}

func TestHumanAge(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Second, "less than a minute"},
		{5 * time.Minute, "5 min"},
		{3 * time.Hour, "3 h"},
		{47 * time.Hour, "47 h"},
		{72 * time.Hour, "3 days"},
	}
	for _, tt := range tests {
		if got := HumanAge(tt.d); got != tt.want {
			t.Errorf("HumanAge(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestCellAndClip(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		cell     string
	}{
		{"empty", "", 5, "-"},
		{"fits", "abc", 5, "abc"},
		{"cut", "abcdefgh", 5, "abcd…"},
		{"escapes", "a\x1b[2Jb", 40, `a\x1b[2Jb`},
		{"newline", "a\nb", 40, `a\nb`},
		{"bidi", "a\u202eb", 40, `a\u{202E}b`},
	}
	for _, tt := range tests {
		if got := Cell(tt.in, tt.max); got != tt.cell {
			t.Errorf("Cell(%s) = %q, want %q", tt.name, got, tt.cell)
		}
	}
	if got := Clip(strings.Repeat("é", 100), 10); got != strings.Repeat("é", 10) {
		t.Errorf("Clip(100 é, 10) = %q, want 10 runes", got)
	}
	if got := Clip("x\x1by", 10); strings.ContainsRune(got, 0x1b) {
		t.Errorf("Clip kept an escape: %q", got)
	}
}

func TestReviewHeadline(t *testing.T) {
	tests := []struct {
		v    reviewer.Verdict
		want string
	}{
		{reviewer.Verdict{Risk: risk.Low}, "PASS"},
		{reviewer.Verdict{Risk: risk.High}, "RISK HIGH"},
		{reviewer.Verdict{Risk: risk.Low, Blocked: true}, "BLOCKED"},
		{reviewer.Verdict{Risk: risk.Info, Failed: true, Blocked: true}, "REVIEW FAILED"},
		{reviewer.Verdict{Risk: risk.Low, NeedsHuman: true}, "NEEDS HUMAN REVIEW"},
	}
	for _, tt := range tests {
		if got := ReviewHeadline(tt.v); got != tt.want {
			t.Errorf("ReviewHeadline(%+v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestPinUpstream(t *testing.T) {
	for _, tt := range []struct{ state, want string }{
		{"current", "✔ current"},
		{"updated", "✔ updated"},
		{"behind", "↑ behind"},
		{"error", "✘ error"},
		{"", "✘ "},
	} {
		if got := PinUpstream(tt.state).Text(); got != tt.want {
			t.Errorf("PinUpstream(%q) = %q, want %q", tt.state, got, tt.want)
		}
	}
}

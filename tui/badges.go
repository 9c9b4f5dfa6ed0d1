package tui

import (
	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

// badge is one trust signal, worded by trusttext: the UI only styles it by
// its tone, so colour is never the only carrier of meaning.
type badge = trusttext.Badge

// tone is what a badge says about trust (styled in Styles.Tones).
type tone = trusttext.Tone

const (
	toneDim  = trusttext.ToneDim
	toneGood = trusttext.ToneGood
	toneInfo = trusttext.ToneInfo
	toneWarn = trusttext.ToneWarn
	toneBad  = trusttext.ToneBad
)

func buildBadge(b catalog.Build) badge { return trusttext.Build(b) }

func publisherBadge(p catalog.PublisherLevel) badge { return trusttext.Publisher(p) }

func pinBadge(p catalog.PinState) badge { return trusttext.Pin(p) }

func verifyBadge(v verifyState) badge {
	switch v.kind {
	case verifyNoImage:
		return trusttext.NoImage
	case verifyRunning:
		return trusttext.Verifying
	case verifyVerified:
		return trusttext.Verdict(verify.VerdictVerified)
	case verifyUndecided:
		return trusttext.Verdict(verify.VerdictUndecided)
	case verifyNotEnforceable:
		return trusttext.Verdict(verify.VerdictNotEnforceable)
	case verifyFailed:
		return trusttext.Failed(v.check)
	case verifyBadInput:
		return trusttext.BadInput
	}
	return trusttext.NotChecked
}

func reviewBadge(r reviewState) badge {
	switch r.kind {
	case reviewLoading:
		return trusttext.ReviewLoading
	case reviewNone:
		return trusttext.ReviewNone
	case reviewError:
		return trusttext.ReviewError
	}
	b := trusttext.Risk(r.report.Risk, r.report.Blocked)
	switch {
	case r.report.Failed:
		b = trusttext.ReviewFailed
	case r.report.NeedsHuman && !r.report.Blocked:
		b = trusttext.NeedsHuman
	}
	if !r.report.ForPin {
		b = trusttext.Old(b)
	}
	return b
}

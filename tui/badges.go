package tui

import (
	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// badge is one trust signal: a symbol and a word, so colour is never the
// only carrier of meaning. Symbols are single-width in every locale (no
// East Asian "ambiguous" characters), so columns stay put.
type badge struct {
	text string
	tone tone
}

// Column widths of the badge block, in cells. They fit the longest badge
// of each kind.
const (
	tierWidth   = 17 // "✧ known-publisher"
	pinWidth    = 11 // "✘ malformed"
	verifyWidth = 24 // "✘ failed: revision-label"
	reviewWidth = 16 // "✘ critical (old)"
)

func tierBadge(t catalog.Tier) badge {
	switch t {
	case catalog.TierDockerBuilt:
		return badge{"✦ docker-built", toneGood}
	case catalog.TierKnownPublisher:
		return badge{"✧ known-publisher", toneInfo}
	case catalog.TierPublisherImage:
		return badge{"▪ publisher-image", toneWarn}
	case catalog.TierRemote:
		return badge{"☁ remote", toneInfo}
	case catalog.TierCommunity:
		return badge{"◌ community", toneWarn}
	}
	return badge{"? unknown tier", toneBad}
}

func pinBadge(p catalog.PinState) badge {
	switch p {
	case catalog.PinPinned:
		return badge{"✔ pinned", toneGood}
	case catalog.PinUnpinned:
		return badge{"✘ unpinned", toneBad}
	case catalog.PinMalformed:
		return badge{"✘ malformed", toneBad}
	}
	return badge{"- none", toneDim}
}

func verifyBadge(v verifyState) badge {
	switch v.kind {
	case verifyNoImage:
		return badge{"- no image", toneDim}
	case verifyRunning:
		return badge{"⟳ verifying", toneInfo}
	case verifyVerified:
		return badge{"✔ verified", toneGood}
	case verifyFailed:
		return badge{"✘ failed: " + v.check, toneBad}
	case verifyUndecided:
		return badge{"? could not decide", toneWarn}
	case verifyNotEnforceable:
		return badge{"⊘ not enforceable", toneWarn}
	case verifyBadInput:
		return badge{"✘ bad input", toneBad}
	}
	return badge{"- not checked", toneDim}
}

func reviewBadge(r reviewState) badge {
	switch r.kind {
	case reviewLoading:
		return badge{"⟳ loading", toneDim}
	case reviewNone:
		return badge{"- no review", toneDim}
	case reviewError:
		return badge{"? review error", toneWarn}
	}
	b := riskBadge(r.report.Risk, r.report.Blocked)
	switch {
	case r.report.Failed:
		b = badge{"✘ review failed", toneBad}
	case r.report.NeedsHuman && !r.report.Blocked:
		b = badge{"! needs human", toneWarn}
	}
	if !r.report.ForPin {
		b.text += " (old)"
		if b.tone == toneGood {
			b.tone = toneWarn // a clean review of another commit proves nothing
		}
	}
	return b
}

func riskBadge(risk reviewer.Risk, blocked bool) badge {
	if blocked {
		return badge{"✘ blocked", toneBad}
	}
	switch risk {
	case reviewer.RiskInfo, reviewer.RiskLow:
		return badge{"✔ " + risk.String(), toneGood}
	case reviewer.RiskMedium, reviewer.RiskHigh:
		return badge{"! " + risk.String(), toneWarn}
	case reviewer.RiskCritical:
		return badge{"✘ critical", toneBad}
	}
	return badge{"? " + risk.String(), toneWarn}
}

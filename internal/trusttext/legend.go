package trusttext

import (
	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
	"github.com/mcp-trust/mcp-trust/verify"
)

// LegendRow is one column's badges, for the help screen's legend.
type LegendRow struct {
	Column string
	Badges []Badge
}

// Legend lists every badge a catalog row can show, by column, so the help
// explains each long and compact form from the same table that draws them.
func Legend() []LegendRow {
	var builds, pubs, pins []Badge
	for _, b := range catalog.Builds() {
		builds = append(builds, Build(b))
	}
	for _, p := range catalog.PublisherLevels() {
		pubs = append(pubs, Publisher(p))
	}
	for _, p := range []catalog.PinState{catalog.PinPinned, catalog.PinUnpinned, catalog.PinMalformed, catalog.PinNone} {
		pins = append(pins, Pin(p))
	}
	verification := []Badge{Verdict(verify.VerdictVerified)}
	for _, c := range []string{verify.CheckPin, verify.CheckDigest, verify.CheckRevisionLabel, verify.CheckSignature, verify.CheckTlog} {
		verification = append(verification, Failed(c))
	}
	verification = append(verification, Verdict(verify.VerdictUndecided), Verdict(verify.VerdictNotEnforceable),
		NotChecked, Verifying, NoImage, BadInput)
	review := []Badge{}
	for r := risk.Info; r <= risk.Critical; r++ {
		review = append(review, Risk(r, false))
	}
	review = append(review, Risk(risk.None, true), NeedsHuman, ReviewFailed, ReviewNone, ReviewError, ReviewLoading,
		Old(Risk(risk.Low, false)))
	return []LegendRow{{"build", builds}, {"publisher", pubs}, {"pin", pins}, {"verification", verification}, {"review", review}}
}

package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/verify"
)

// signatureCaveat is said wherever a verdict is shown in full.
const signatureCaveat = "A signature proves where an image came from, not that it is safe."

// refreshDetail rebuilds the detail pane of the selected row.
func (m *model) refreshDetail() {
	r := m.selected()
	if r == nil {
		m.detail.SetContent("")
		return
	}
	m.detail.SetContent(m.detailText(r))
}

// detailText lays out everything known about a row. Every value from the
// catalog or the registry is sanitised here or was when the row was built.
func (m *model) detailText(r *row) string {
	s := r.srv
	st := m.styles
	var b strings.Builder
	field := func(label, value string) {
		fmt.Fprintf(&b, "%s %s\n", st.Title.Render(fmt.Sprintf("%-13s", label)), value)
	}
	b.WriteString(st.Title.Render(r.name) + "  " + r.title + "\n\n")
	field("Tier", m.badge(tierBadge(s.Tier), 0)+"  "+sanitize.Line(s.TierReason))
	field("Publisher", publisherText(s))
	field("Image", orDash(sanitize.Line(s.Image)))
	field("Digest", digestText(s, r.verify.result))
	field("Pin", m.badge(pinBadge(s.Pin), 0)+"  "+pinText(s))
	field("Verification", m.badge(verifyBadge(r.verify), 0)+verifyHint(r.verify))
	for _, c := range checksOf(r.verify.result) {
		fmt.Fprintf(&b, "  %s %-15s %s\n", m.badge(checkBadge(c.Status), 0), sanitize.Line(c.Name), sanitize.Line(c.Reason))
	}
	if r.verify.kind == verifyBadInput {
		fmt.Fprintf(&b, "  %s\n", r.verify.err)
	}
	field("Review", m.badge(reviewBadge(r.review), 0)+reviewText(r.review))
	b.WriteString("\n" + signatureCaveat + "\n")
	if d := strings.TrimSpace(sanitize.Text(s.Description)); d != "" {
		b.WriteString("\n" + st.Title.Render("Description") + "\n" + strings.ReplaceAll(d, "\t", "    ") + "\n")
	}
	return lipgloss.NewStyle().Width(m.width).Render(b.String())
}

func publisherText(s *catalog.Server) string {
	out := orDash(sanitize.Line(s.Owner))
	if s.KnownPublisher {
		out += " (on the known-publishers list)"
	}
	return out
}

func digestText(s *catalog.Server, res *verify.Result) string {
	out := "catalog: " + orDash(sanitize.Line(s.Digest))
	if res == nil || res.Digest == "" {
		return out + "; resolved: not yet (press v)"
	}
	out += "; resolved: " + sanitize.Line(res.Digest)
	if res.Moved {
		out += "; the tag now points to " + sanitize.Line(res.TagDigest)
	}
	return out
}

func pinText(s *catalog.Server) string {
	if s.Source.Project == "" && s.Source.Commit == "" {
		return "no source"
	}
	out := sanitize.Line(s.Source.Project) + "@" + orDash(sanitize.Line(s.Source.Commit))
	if s.Source.Directory != "" {
		out += "  directory: " + sanitize.Line(s.Source.Directory)
	}
	return out
}

func verifyHint(v verifyState) string {
	switch v.kind {
	case verifyNotChecked:
		return "  (press v)"
	case verifyVerified:
		if v.result.CustomKey {
			return "  with a custom key, not Docker's"
		}
	}
	return ""
}

func checksOf(res *verify.Result) []verify.Check {
	if res == nil {
		return nil
	}
	return res.Checks
}

func checkBadge(s verify.Status) badge {
	switch s {
	case verify.StatusPass:
		return badge{"✔ pass ", toneGood}
	case verify.StatusFail:
		return badge{"✘ FAIL ", toneBad}
	case verify.StatusSkip:
		return badge{"- skip ", toneDim}
	}
	return badge{"? error", toneWarn}
}

func reviewText(r reviewState) string {
	switch r.kind {
	case reviewError:
		return "  " + r.errText
	case reviewFound:
		if r.report.ForPin {
			return "  " + r.report.Source.label() + " of the pinned commit; press r to read it"
		}
		return "  " + r.report.Source.label() + " of another commit (" + orDash(r.report.Commit) + "), not the pinned one"
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

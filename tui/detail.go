package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

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
		b.WriteString(hang(st.Title.Render(fmt.Sprintf("%-13s", label))+" ", value, 14, m.width))
	}
	b.WriteString(st.Title.Render(r.name) + "  " + r.title + "\n")
	b.WriteString(m.badge(buildBadge(s.Build), 0) + trusttext.LevelSep + m.badge(publisherBadge(s.Publisher), 0) + "\n\n")
	field("Build", m.badge(buildBadge(s.Build), 0)+"  "+sanitize.Line(s.BuildReason))
	field("Publisher", m.badge(publisherBadge(s.Publisher), 0)+"  "+sanitize.Line(s.PublisherReason)+listText(m.cat.KnownPublishers))
	field("Owner", orDash(sanitize.Line(s.Owner)))
	field("Image", orDash(sanitize.Line(s.Image)))
	field("Digest", digestText(s, r.verify.result))
	field("Pin", m.badge(pinBadge(s.Pin), 0)+"  "+pinText(s))
	field("Verification", m.badge(verifyBadge(r.verify), 0)+verifyHint(r.verify))
	for _, c := range checksOf(r.verify.result) {
		mark := m.styles.Tones[trusttext.Check(c.Status).Tone].Render(trusttext.CheckMark(c.Status))
		b.WriteString(hang("  "+mark+" "+fmt.Sprintf("%-15s", sanitize.Line(c.Name))+" ", sanitize.Line(c.Reason), 26, m.width))
	}
	if r.verify.kind == verifyBadInput {
		fmt.Fprintf(&b, "  %s\n", r.verify.err)
	}
	field("Review", m.badge(reviewBadge(r.review), 0)+reviewText(r.review))
	b.WriteString("\n" + trusttext.SignatureCaveat + "\n")
	if d := strings.TrimSpace(sanitize.Text(s.Description)); d != "" {
		b.WriteString("\n" + st.Title.Render("Description") + "\n" + strings.ReplaceAll(d, "\t", "    ") + "\n")
	}
	return lipgloss.NewStyle().Width(m.width).Render(b.String())
}

// hang writes prefix then value wrapped to width, later lines indented
// by indent cells, so labels stay in their column on a narrow terminal.
func hang(prefix, value string, indent, width int) string {
	lines := strings.Split(ansi.Wrap(value, max(10, width-indent), " "), "\n")
	pad := strings.Repeat(" ", indent)
	for i := 1; i < len(lines); i++ {
		lines[i] = pad + lines[i]
	}
	return prefix + strings.Join(lines, "\n") + "\n"
}

// listText says which known-publishers list decided the publisher level.
func listText(p *catalog.Publishers) string {
	if p == nil {
		return " (no known-publishers list)"
	}
	out := " (list: " + orDash(sanitize.Line(p.Origin))
	if p.Date != "" {
		out += ", as of " + sanitize.Line(p.Date)
	}
	if p.Stale {
		out += ", STALE cached copy"
	}
	return out + ")"
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

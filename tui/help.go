package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
)

// helpText explains what the keys and badges mean, below the key table.
const helpText = `Find: / filters as you type, fuzzy over name, title, tags, category and
owner; every word must match. enter keeps the text, esc clears it.
Facets: t tier, f category, s verification state; each press moves to the
next value, then back to all. o sorts by name, tier or risk (worst first).
V verifies every listed server (the whole filtered list, %d at a time);
esc cancels. c shows the repo@sha256 reference to run (or copies it, when
the clipboard is enabled). r opens the review of the pinned commit.

Badges (a word and a symbol each; colour is never the only signal):
`

// helpView is the full help screen.
func (m *model) helpView() string {
	body := m.help.FullHelpView(m.keys.helpFor(stateList).FullHelp()) + "\n\n" + fmt.Sprintf(helpText, m.opts.Concurrency) + legendText() + "\n\n" + trusttext.SignatureCaveat
	lines := strings.Split(lipgloss.NewStyle().Width(m.width).Render(body), "\n")
	if h := m.height - 3; len(lines) > h {
		lines = lines[:max(0, h)]
	}
	return m.paneView("Keys (esc or ? to close)", strings.Join(lines, "\n"))
}

// shortHelp is the one-line help of the current screen.
func (m *model) shortHelp() string {
	return ansi.Truncate(m.help.ShortHelpView(m.keys.helpFor(m.state).ShortHelp()), m.width, "…")
}

// legendText lists every badge by column, from trusttext's own tables.
func legendText() string {
	var b strings.Builder
	for _, row := range trusttext.Legend() {
		fmt.Fprintf(&b, "  %-13s", row.Column)
		for i, bd := range row.Badges {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(bd.Text())
		}
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

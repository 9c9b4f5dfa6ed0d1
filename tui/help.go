package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcp-trust/mcp-trust/internal/trusttext"
)

// helpText explains what the keys do, below the key table.
const helpText = `Find: / filters as you type, fuzzy over name, title, tags, category and
owner; every word must match. enter keeps the text, esc clears it.
Facets: t build, p publisher, f category, s verification state; each press
moves to the next value, then back to all. o sorts by name, trust (build,
then publisher) or risk (worst first).
V verifies every listed server (the whole filtered list, %d at a time);
esc cancels. c shows the repo@sha256 reference to run; y copies it (OSC 52,
when the terminal allows it), only once v has verified it. r opens the
review of the pinned commit.
Mouse: the wheel scrolls; a click selects a row, a click on the selected
row opens its details. Shift+drag selects text in most terminals.`

// refreshHelp lays the help out again at the current width.
func (m *model) refreshHelp() {
	body := m.keyTable() + "\n\n" + fmt.Sprintf(helpText, m.opts.Concurrency) + "\n\n" + legendText() + "\n" + trusttext.SignatureCaveat
	m.helpVP.SetContent(lipgloss.NewStyle().Width(m.width).Render(body))
}

// openHelp shows the help screen from the top; closing it returns to the
// screen it was opened from.
func (m *model) openHelp() {
	m.helpFrom, m.state = m.state, stateHelp
	m.refreshHelp()
	m.helpVP.GotoTop()
}

// helpView is the full help screen; it scrolls when it does not fit.
func (m *model) helpView() string {
	return m.paneView("Keys and badges (esc or ? to close)", &m.helpVP)
}

// keyTable lists every key of the list screen in as many columns as fit.
func (m *model) keyTable() string {
	var cells []string
	for _, group := range m.keys.helpFor(stateList).FullHelp() {
		for _, b := range group {
			cells = append(cells, fmt.Sprintf("%-6s %s", b.Help().Key, b.Help().Desc))
		}
	}
	w := 0
	for _, c := range cells {
		w = max(w, ansi.StringWidth(c)+2)
	}
	perLine := max(1, m.width/w)
	rows := (len(cells) + perLine - 1) / perLine
	var b strings.Builder
	for r := range rows {
		line := ""
		for c := range perLine { // column-major: each column reads down
			if i := c*rows + r; i < len(cells) {
				line += fit(cells[i], w)
			}
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// legendText explains every badge, long form and the compact form narrow
// terminals show, from trusttext's own tables.
func legendText() string {
	var b strings.Builder
	b.WriteString("Badges: a symbol and a word each; colour is never the only signal.\n")
	b.WriteString("Narrow terminals show the compact form (right).\n")
	for _, row := range trusttext.Legend() {
		b.WriteString(row.Column + "\n")
		for _, bd := range row.Badges {
			fmt.Fprintf(&b, "  %s %s\n", fit(bd.Text(), 26), bd.Compact())
		}
	}
	b.WriteString("(old): a review of another commit than the pinned one, which proves nothing\nabout the pinned one.\n")
	return b.String()
}

// shortHelp is the one-line help of the current screen. When it does not
// fit, the last other keys are dropped first: back, help and quit stay.
func (m *model) shortHelp() string {
	binds := slices.Clone(m.keys.helpFor(m.state).ShortHelp())
	h := m.help
	h.SetWidth(0) // measure whole; help.Model would cut at its width
	line := h.ShortHelpView(binds)
	for ansi.StringWidth(line) > m.width {
		i := len(binds) - 1
		for i >= 0 && m.keepInShortHelp(binds[i]) {
			i--
		}
		if i < 0 {
			break
		}
		binds = slices.Delete(binds, i, i+1)
		line = h.ShortHelpView(binds)
	}
	return ansi.Truncate(line, m.width, "…")
}

// keepInShortHelp: the keys that leave a screen or explain it.
func (m *model) keepInShortHelp(b key.Binding) bool {
	k := b.Help().Key
	return k == m.keys.Back.Help().Key || k == m.keys.Help.Help().Key || k == m.keys.Quit.Help().Key
}

package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
)

// View renders the active screen in the alternate screen buffer.
func (m *model) View() tea.View {
	var content string
	switch m.state {
	case stateDetail:
		content = m.paneView("Server details", m.detail.View())
	case stateReport:
		content = m.reportView()
	case stateHelp:
		content = m.helpView()
	default:
		content = m.mainView()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}

// mainView is the list screen: header, columns, rows, status and help.
func (m *model) mainView() string {
	var b strings.Builder
	b.Grow(m.width * m.height * 2)
	for _, l := range []string{m.sourceLine(), m.countsLine(), m.findLine()} {
		b.WriteString(ansi.Truncate(l, m.width, "…") + "\n")
	}
	b.WriteString(m.columnsView() + "\n")
	m.listView(&b)
	b.WriteString(m.statusLine() + "\n")
	b.WriteString(m.shortHelp())
	return b.String()
}

// paneView frames a full-screen pane with a title and the pane's help.
func (m *model) paneView(title, body string) string {
	var b strings.Builder
	b.WriteString(m.styles.Title.Render(title) + "\n")
	b.WriteString(body + "\n")
	b.WriteString(m.statusLine() + "\n")
	b.WriteString(m.shortHelp())
	return b.String()
}

func (m *model) sourceLine() string {
	c := m.cat
	line := m.styles.Title.Render("mcptrust catalog") + " · " + orDash(sanitize.Line(c.Source))
	if !c.FetchedAt.IsZero() {
		line += " · fetched " + trusttext.HumanAge(m.now().Sub(c.FetchedAt)) + " ago"
	}
	if c.Stale {
		stale := "STALE: refresh failed, showing the cached copy"
		if c.StaleReason != "" {
			stale += " (" + sanitize.Line(c.StaleReason) + ")"
		}
		line += " · " + m.styles.Tones[toneWarn].Render(stale)
	}
	return line
}

func (m *model) countsLine() string {
	counts := m.counts
	parts := make([]string, 0, len(counts)+2)
	for _, t := range catalog.Tiers() {
		parts = append(parts, fmt.Sprintf("%s %d", t, counts[t]))
	}
	parts = append(parts, fmt.Sprintf("%d servers", len(m.rows)))
	if m.reviews.done < m.reviews.total {
		parts = append(parts, fmt.Sprintf("reviews %d/%d", m.reviews.done, m.reviews.total))
	}
	return strings.Join(parts, " · ")
}

func (m *model) findLine() string {
	f := &m.find
	q := sanitize.Line(f.query)
	switch {
	case m.finding:
		q = "/" + q + "▏"
	case q == "":
		q = "(press /)"
	}
	cat := facetName(f.category, func(i int) string { return f.categories[i] })
	return fmt.Sprintf("find: %s · tier: %s · category: %s · state: %s · sort: %s · %d of %d",
		q, facetName(f.tier, tierName), cat, facetName(f.state, func(i int) string { return stateGroups[i] }),
		f.sort, len(m.visible), len(m.rows))
}

// statusLine shows verification progress, else the last status message.
func (m *model) statusLine() string {
	if done, total := m.progress(); total > 0 {
		return m.styles.Status.Render(fmt.Sprintf("verifying %d/%d · esc cancels", done, total))
	}
	if m.err {
		return ansi.Truncate(m.styles.Error.Render(m.status), m.width, "…")
	}
	return ansi.Truncate(m.styles.Status.Render(m.status), m.width, "…")
}

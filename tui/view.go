package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// View renders the active screen in the alternate screen buffer.
func (m *model) View() tea.View {
	var content string
	switch {
	case m.tooSmall():
		content = ansi.Truncate(fmt.Sprintf("terminal too small (%dx%d): mcptrust needs at least %dx%d", m.width, m.height, minWidth, minHeight), m.width, "…")
	default:
		content = m.screenView()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	if !m.opts.NoMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// tooSmall reports whether the terminal is below the smallest layout.
func (m *model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// screenView renders the active screen.
func (m *model) screenView() string {
	var content string
	switch m.state {
	case stateDetail:
		content = m.paneView("Server details", &m.detail)
	case stateReport:
		content = m.reportView()
	case stateHelp:
		content = m.helpView()
	default:
		content = m.mainView()
	}
	return content
}

// mainView is the list screen: header, columns, rows, status and help.
func (m *model) mainView() string {
	var b strings.Builder
	b.Grow(m.width * m.height * 2)
	head := m.header()
	for _, l := range head {
		b.WriteString(l + "\n")
	}
	b.WriteString(m.columnsView() + "\n")
	m.listView(&b, m.listHeightUnder(len(head)))
	b.WriteString(m.statusLine() + "\n")
	b.WriteString(m.shortHelp())
	return b.String()
}

// paneChrome is the lines of a full-screen pane around its viewport: the
// title above, the status line and the short help below.
const paneChrome = 3

// paneView frames a scrolling full-screen pane with a title that says
// where the view is when the text does not fit, and the pane's help.
func (m *model) paneView(title string, vp *viewport.Model) string {
	if vp.TotalLineCount() > vp.VisibleLineCount() {
		title += fmt.Sprintf(" · %d%% · ↑/↓ scroll", int(vp.ScrollPercent()*100))
	}
	var b strings.Builder
	b.WriteString(ansi.Truncate(m.styles.Title.Render(title), m.width, "…") + "\n")
	b.WriteString(vp.View() + "\n")
	b.WriteString(m.statusLine() + "\n")
	b.WriteString(m.shortHelp())
	return b.String()
}

// statusLine shows verification progress, else review loading progress
// and the last status message.
func (m *model) statusLine() string {
	if done, total := m.progress(); total > 0 {
		return ansi.Truncate(m.styles.Status.Render(fmt.Sprintf("verifying %d/%d · esc cancels", done, total)), m.width, "…")
	}
	msg, style := m.status, m.styles.Status
	if m.err {
		style = m.styles.Error
	}
	if m.reviews.done < m.reviews.total {
		loading := fmt.Sprintf("loading reviews %d/%d", m.reviews.done, m.reviews.total)
		if msg == "" {
			return ansi.Truncate(m.styles.Status.Render(loading), m.width, "…")
		}
		return ansi.Truncate(style.Render(msg)+partSep+m.styles.Status.Render(loading), m.width, "…")
	}
	return ansi.Truncate(style.Render(msg), m.width, "…")
}

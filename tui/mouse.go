package tui

import (
	tea "charm.land/bubbletea/v2"
)

// wheelLines is how far one wheel notch scrolls, in the list as in the
// panes (the viewport's own default).
const wheelLines = 3

// mouse handles wheel and click messages. The wheel scrolls the list, the
// detail pane, the help and the report. In the list a left click selects
// the row under the pointer, and a click on the row already selected
// opens its details (so a double click does too). Clicks elsewhere do
// nothing: the mouse never acts on a server (verify, copy) by itself.
func (m *model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() {
		return nil
	}
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft && m.state == stateList {
			m.click(msg.Y)
		}
	}
	return nil
}

// wheel scrolls the active screen.
func (m *model) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	var cmd tea.Cmd
	switch m.state {
	case stateList:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.scroll(-wheelLines)
		case tea.MouseWheelDown:
			m.scroll(wheelLines)
		}
	case stateDetail:
		m.detail, cmd = m.detail.Update(msg)
	case stateHelp:
		m.helpVP, cmd = m.helpVP.Update(msg)
	case stateReport:
		m.report.vp, cmd = m.report.vp.Update(msg)
	}
	return cmd
}

// scroll moves the list's window by delta rows and keeps the selection on
// screen, moving it no further than it must.
func (m *model) scroll(delta int) {
	h := m.listHeight()
	m.offset = max(0, min(m.offset+delta, len(m.visible)-h))
	m.cursor = max(m.offset, min(m.cursor, m.offset+h-1, len(m.visible)-1))
}

// click selects the row at screen line y; a click on the selected row
// opens its details. Lines outside the rows (header, headings, footer,
// the blank lines under a short list) do nothing.
func (m *model) click(y int) {
	i := y - len(m.header()) - 1 // the column headings are one line
	if i < 0 || i >= m.listHeight() || m.offset+i >= len(m.visible) {
		return
	}
	if m.offset+i != m.cursor {
		m.cursor = m.offset + i
		return
	}
	m.finding = false // as enter does in the prompt, keeping the text
	m.openDetail()
}

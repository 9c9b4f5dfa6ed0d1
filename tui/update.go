package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// Update handles global messages, then hands keys to the active screen.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case verifyBatchMsg:
		return m, m.applyVerify(msg)
	case reviewBatchMsg:
		return m, m.applyReviews(msg)
	case reportMsg:
		return m, m.report.apply(m, msg)
	case copiedMsg:
		m.applyCopied(msg)
		return m, nil
	case tea.BackgroundColorMsg:
		return m, m.setBackground(msg.IsDark())
	case tea.MouseMsg:
		return m, m.mouse(msg)
	case tea.PasteMsg:
		if m.finding {
			m.typeQuery(msg.Content)
		}
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Quit) && (msg.String() == "ctrl+c" || !m.finding) {
			m.cancelJobs()
			return m, tea.Quit
		}
		return m, m.handleKey(msg)
	}
	return m, nil
}

// handleKey dispatches a key to the active screen.
func (m *model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch m.state {
	case stateHelp:
		if key.Matches(msg, m.keys.Back, m.keys.Help) {
			m.state = m.helpFrom
			if m.state == stateDetail {
				m.refreshDetail() // the width may have changed meanwhile
			}
			return nil
		}
		var cmd tea.Cmd
		m.helpVP, cmd = m.helpVP.Update(msg)
		return cmd
	case stateDetail:
		return m.detailKey(msg)
	case stateReport:
		return m.reportKey(msg)
	}
	if m.finding {
		m.findKey(msg)
		return nil
	}
	return m.listKey(msg)
}

// listKey handles the list screen.
func (m *model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.navigate(msg):
	case key.Matches(msg, k.Find):
		m.finding = true
	case key.Matches(msg, k.Build):
		m.find.build = cycle(m.find.build, len(catalog.Builds()))
		m.facetsChanged()
	case key.Matches(msg, k.Publisher):
		m.find.publisher = cycle(m.find.publisher, len(catalog.PublisherLevels()))
		m.facetsChanged()
	case key.Matches(msg, k.Category):
		m.find.category = cycle(m.find.category, len(m.find.categories))
		m.facetsChanged()
	case key.Matches(msg, k.State):
		m.find.state = cycle(m.find.state, len(stateGroups))
		m.facetsChanged()
	case key.Matches(msg, k.Sort):
		m.find.sort = (m.find.sort + 1) % sortModes
		m.facetsChanged()
	case key.Matches(msg, k.Clear):
		m.clearFind()
	case key.Matches(msg, k.Back):
		if !m.cancelJobs() && m.find.active() {
			m.clearFind()
		}
	case key.Matches(msg, k.Help):
		m.openHelp()
	case key.Matches(msg, k.Detail):
		m.openDetail()
	default:
		return m.actionKey(msg)
	}
	return nil
}

// actionKey handles the keys that act on servers; they work in the list
// and the detail pane alike.
func (m *model) actionKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Verify):
		return m.verifySelected()
	case key.Matches(msg, k.VerifyAll):
		return m.verifyListed()
	case key.Matches(msg, k.Report):
		return m.openReport()
	case key.Matches(msg, k.Copy):
		m.showRef()
	case key.Matches(msg, k.Yank):
		return m.yankRef()
	}
	return nil
}

// openDetail opens the detail pane of the selected row, from the top.
func (m *model) openDetail() {
	if m.selected() != nil {
		m.state = stateDetail
		m.refreshDetail()
		m.detail.GotoTop()
	}
}

// navigate moves the list cursor; it reports whether msg was a move.
func (m *model) navigate(msg tea.KeyPressMsg) bool {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.listHeight())
	case key.Matches(msg, k.PageDown):
		m.move(m.listHeight())
	case key.Matches(msg, k.Top):
		m.move(-len(m.visible))
	case key.Matches(msg, k.Bottom):
		m.move(len(m.visible))
	default:
		return false
	}
	return true
}

// findKey edits the find query; arrows still move the cursor.
func (m *model) findKey(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "enter":
		m.finding = false
	case "esc":
		m.finding = false
		m.setQuery("")
	case "backspace", "ctrl+h":
		if r := []rune(m.find.query); len(r) > 0 {
			m.setQuery(string(r[:len(r)-1]))
		}
	case "ctrl+u":
		m.setQuery("")
	case "up", "down", "pgup", "pgdown":
		m.navigate(msg)
	default:
		if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
			m.typeQuery(msg.Text)
		}
	}
}

// typeQuery appends typed or pasted text to the query.
func (m *model) typeQuery(s string) {
	m.setQuery(m.find.query + queryText(s))
}

func (m *model) setQuery(q string) {
	m.find.setQuery(q)
	m.refilter()
}

func (m *model) facetsChanged() {
	m.find.invalidate()
	m.refilter()
}

func (m *model) clearFind() {
	m.find.build, m.find.publisher, m.find.category, m.find.state = -1, -1, -1, -1
	m.find.setQuery("")
	m.facetsChanged()
}

// detailKey handles the detail pane.
func (m *model) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.state = stateList
		return nil
	case key.Matches(msg, m.keys.Help):
		m.openHelp()
		return nil
	}
	if cmd := m.actionKey(msg); cmd != nil || key.Matches(msg, m.keys.Verify, m.keys.Copy, m.keys.Yank, m.keys.Report) {
		return cmd
	}
	var cmd tea.Cmd
	m.detail, cmd = m.detail.Update(msg)
	return cmd
}

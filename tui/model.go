package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/tui/render"
)

// state is the screen the UI shows.
type state uint8

const (
	stateList state = iota
	stateDetail
	stateReport
	stateHelp
)

// String names the state (tests and debugging).
func (s state) String() string {
	return [...]string{"list", "detail", "report", "help"}[s]
}

// footerLines is the status line and the short help below the list.
const footerLines = 2

// model is the root model.
type model struct {
	ctx    context.Context
	opts   Options
	keys   KeyMap
	styles Styles
	help   help.Model

	state         state
	helpFrom      state // the screen help returns to
	width, height int
	cols          columns // the list's layout at this width

	cat         *catalog.Catalog
	buildCounts map[catalog.Build]int
	pubCounts   map[catalog.PublisherLevel]int
	rows        []row
	find        finder
	finding     bool    // the find prompt has the keyboard
	visible     []int32 // rows shown, in order
	cursor      int     // index into visible
	offset      int     // first visible index on screen

	jobs    map[int]*job
	nextJob int
	reviews reviewProgress

	detail viewport.Model
	helpVP viewport.Model
	report reportPane
	status string // one line under the list; sanitised
	err    bool   // status is an error

	bgKnown, bgDark bool // the terminal's background, once it has answered
}

var _ tea.Model = (*model)(nil)

// newModel builds the model: every untrusted string is sanitised here,
// once, and nothing is rendered until View.
func newModel(ctx context.Context, opts Options) *model {
	opts = opts.withDefaults()
	m := &model{
		ctx:         ctx,
		opts:        opts,
		keys:        DefaultKeyMap(),
		styles:      newStyles(paletteFor(opts.NoColor, opts.Theme, false, false)),
		help:        help.New(),
		cat:         opts.Catalog,
		buildCounts: opts.Catalog.BuildCounts(),
		pubCounts:   opts.Catalog.PublisherCounts(),
		rows:        newRows(opts.Catalog),
		jobs:        map[int]*job{},
		width:       80,
		height:      24,
		detail:      viewport.New(),
		helpVP:      viewport.New(),
		cols:        layoutFor(80),
	}
	m.help.Styles = m.styles.Help
	m.find = newFinder(m.rows)
	m.reviews.total = len(m.rows)
	m.refilter()
	return m
}

// Init starts loading the review summaries and, for the auto theme, asks
// the terminal for its background colour.
func (m *model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Theme == ThemeAuto && !m.opts.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if len(m.rows) > 0 {
		cmds = append(cmds, m.loadReviews())
	}
	return tea.Batch(cmds...)
}

// setBackground applies the terminal's answer to the background colour
// query: the auto theme follows it. Panes that hold styled text are laid
// out again.
func (m *model) setBackground(dark bool) tea.Cmd {
	m.bgKnown, m.bgDark = true, dark
	p := paletteFor(m.opts.NoColor, m.opts.Theme, true, dark)
	if p == m.styles.palette {
		return nil
	}
	m.styles = newStyles(p)
	m.help.Styles = m.styles.Help
	return m.resize(m.width, m.height)
}

// selected returns the selected row, or nil when the list is empty.
func (m *model) selected() *row {
	if m.cursor < 0 || m.cursor >= len(m.visible) {
		return nil
	}
	return &m.rows[m.visible[m.cursor]]
}

// listHeight is how many rows fit on screen: what the header, the column
// headings and the footer leave.
func (m *model) listHeight() int { return m.listHeightUnder(len(m.header())) }

// listHeightUnder is the list height below a header of n lines.
func (m *model) listHeightUnder(n int) int { return max(1, m.height-n-1-footerLines) }

// refilter recomputes the visible rows and keeps the selected server
// selected when it is still listed.
func (m *model) refilter() {
	sel := int32(-1)
	if m.cursor < len(m.visible) {
		sel = m.visible[m.cursor]
	}
	m.visible = m.find.filter(m.rows, m.visible)
	m.cursor = 0
	if sel >= 0 {
		for i, v := range m.visible {
			if v == sel {
				m.cursor = i
				break
			}
		}
	}
	m.clampOffset()
}

// move moves the cursor by delta rows, clamped to the list.
func (m *model) move(delta int) {
	m.cursor = max(0, min(len(m.visible)-1, m.cursor+delta))
	m.clampOffset()
}

// clampOffset scrolls so the cursor is on screen.
func (m *model) clampOffset() {
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, len(m.visible)-h))
}

// setStatus shows msg (already safe) on the status line.
func (m *model) setStatus(msg string, isErr bool) {
	m.status, m.err = msg, isErr
}

// now is the clock used for the catalog's age.
func (m *model) now() time.Time { return m.opts.Now() }

// resize applies a new terminal size to every pane.
func (m *model) resize(w, h int) tea.Cmd {
	m.width, m.height = max(w, 1), max(h, 1)
	m.cols = layoutFor(m.width)
	m.help.SetWidth(m.width)
	for _, vp := range []*viewport.Model{&m.detail, &m.helpVP} {
		vp.SetWidth(m.width)
		vp.SetHeight(max(1, m.height-paneChrome))
	}
	m.clampOffset()
	switch m.state {
	case stateDetail:
		m.refreshDetail()
	case stateHelp:
		m.refreshHelp()
	}
	return m.report.resize(m)
}

// renderOptions are the Markdown options for the report pane.
func (m *model) renderOptions() render.Options {
	return render.Options{Width: m.reportWidth(), NoColor: m.opts.NoColor, Light: m.styles.palette == paletteLight}
}

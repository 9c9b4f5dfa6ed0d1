package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The smallest terminal the UI lays out; below it one line says so.
const (
	minWidth  = 60
	minHeight = 15
)

// Name and title widths, in cells. Names are short (registry rule
// ^[a-z0-9-]+$) but a published catalog may say anything.
const (
	maxNameWidth  = 22
	minNameWidth  = 8
	minTitleWidth = 8
)

// columns is the layout of the list at one width. Every trust column is
// always there; as the width shrinks the list gives up, in order, the
// title, then the long badge words (compact: symbol and short word), then
// name width (cut with an ellipsis; the detail pane has it whole).
type columns struct {
	compact                         bool
	name, title                     int
	build, pub, pin, verify, review int
}

// Badge column widths fit the longest badge of each kind, long and
// compact (a test holds it). The review column keeps a spare cell or two
// for saying which source reviewed (Docker or local).
var (
	fullColumns    = columns{build: 17, pub: 17, pin: 11, verify: 24, review: 22}
	compactColumns = columns{compact: true, build: 8, pub: 7, pin: 8, verify: 8, review: 12}
)

// badgesWidth is the badge block, each column with the space before it.
func (c columns) badgesWidth() int { return c.build + c.pub + c.pin + c.verify + c.review + 5 }

// layoutFor picks the columns for a screen width.
func layoutFor(width int) columns {
	c := fullColumns
	if 2+maxNameWidth+c.badgesWidth() > width {
		c = compactColumns
	}
	c.name = max(minNameWidth, min(maxNameWidth, width-2-c.badgesWidth()))
	if rest := width - 2 - c.name - c.badgesWidth() - 1; rest >= minTitleWidth {
		c.title = rest
	}
	return c
}

// fit cuts plain (unstyled, sanitised) text to exactly w cells, by display
// width, so no text can move the columns after it (THREATS B10).
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// badge renders b's long form fitted to w cells (w 0: as is) in its
// tone's style.
func (m *model) badge(b badge, w int) string {
	text := b.Text()
	if w > 0 {
		text = fit(text, w)
	}
	return m.styles.Tones[b.Tone].Render(text)
}

// cellBadge renders b in the list's current form, fitted to w cells;
// last drops the padding of the row's last cell.
func (m *model) cellBadge(b badge, w int, last bool) string {
	text := b.Text()
	if m.cols.compact {
		text = b.Compact()
	}
	text = fit(text, w)
	if last {
		text = strings.TrimRight(text, " ")
	}
	return m.styles.Tones[b.Tone].Render(text)
}

// listView renders only the h rows on screen, so scrolling costs the same
// at the top and the bottom of 50,000 rows.
func (m *model) listView(b *strings.Builder, h int) {
	end := min(len(m.visible), m.offset+h)
	for i := m.offset; i < end; i++ {
		m.rowView(b, &m.rows[m.visible[i]], i == m.cursor)
		b.WriteByte('\n')
	}
	if len(m.visible) == 0 {
		b.WriteString(m.emptyText() + "\n")
		end++
	}
	for i := end - m.offset; i < h; i++ {
		b.WriteByte('\n')
	}
}

func (m *model) emptyText() string {
	if len(m.rows) == 0 {
		return "  This catalog has no servers."
	}
	return "  No server matches. Press x to clear the find text and facets."
}

// rowView writes one row: marker, name, the fixed badge block, then the
// title when there is room. Every cell is cut by display width, so the
// badge columns never move.
func (m *model) rowView(b *strings.Builder, r *row, selected bool) {
	c := &m.cols
	marker, name := "  ", fit(r.name, c.name)
	if selected {
		marker, name = "> ", m.styles.Selected.Render(name)
	}
	b.WriteString(marker)
	b.WriteString(name)
	for _, cell := range [...]struct {
		b badge
		w int
	}{
		{buildBadge(r.srv.Build), c.build}, {publisherBadge(r.srv.Publisher), c.pub}, {pinBadge(r.srv.Pin), c.pin},
		{verifyBadge(r.verify), c.verify}, {reviewBadge(r.review), c.review},
	} {
		b.WriteByte(' ')
		b.WriteString(m.cellBadge(cell.b, cell.w, c.title == 0 && cell.w == c.review))
	}
	if c.title > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.TrimRight(fit(r.title, c.title), " "))
	}
}

// columnsView is the heading of the list.
func (m *model) columnsView() string {
	c := &m.cols
	words := [...]string{"BUILD", "PUBLISHER", "PIN", "VERIFICATION", "REVIEW"}
	if c.compact {
		words = [...]string{"BUILD", "PUB", "PIN", "VERIFY", "REVIEW"}
	}
	h := "  " + fit("NAME", c.name)
	for i, w := range [...]int{c.build, c.pub, c.pin, c.verify, c.review} {
		h += " " + fit(words[i], w)
	}
	if c.title > 0 {
		h += " TITLE"
	}
	return m.styles.Heading.Render(strings.TrimRight(h, " "))
}

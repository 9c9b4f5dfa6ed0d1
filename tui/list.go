package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// nameWidth is the name column; names are short (registry rule
// ^[a-z0-9-]+$) but a published catalog may say anything.
const nameWidth = 22

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

// badge renders b fitted to w cells (w 0: as is) in its tone's style.
func (m *model) badge(b badge, w int) string {
	text := b.Text()
	if w > 0 {
		text = fit(text, w)
	}
	return m.styles.Tones[b.Tone].Render(text)
}

// listView renders only the rows on screen, so scrolling costs the same at
// the top and the bottom of 50,000 rows.
func (m *model) listView(b *strings.Builder) {
	h := m.listHeight()
	end := min(len(m.visible), m.offset+h)
	var line strings.Builder
	for i := m.offset; i < end; i++ {
		line.Reset()
		m.rowView(&line, &m.rows[m.visible[i]], i == m.cursor)
		if m.width < badgeEnd {
			b.WriteString(ansi.Truncate(line.String(), m.width, ""))
		} else {
			b.WriteString(line.String())
		}
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
// title in whatever width is left. The badges come before the title, and
// every cell is cut by display width, so the badge column never moves.
func (m *model) rowView(b *strings.Builder, r *row, selected bool) {
	marker, name := "  ", fit(r.name, nameWidth)
	if selected {
		marker, name = "> ", m.styles.Selected.Render(name)
	}
	b.WriteString(marker)
	b.WriteString(name)
	b.WriteByte(' ')
	b.WriteString(m.badge(tierBadge(r.srv.Tier), tierWidth))
	b.WriteByte(' ')
	b.WriteString(m.badge(pinBadge(r.srv.Pin), pinWidth))
	b.WriteByte(' ')
	b.WriteString(m.badge(verifyBadge(r.verify), verifyWidth))
	b.WriteByte(' ')
	b.WriteString(m.badge(reviewBadge(r.review), reviewWidth))
	if w := m.width - badgeEnd - 1; w > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.TrimRight(fit(r.title, w), " "))
	}
}

// badgeEnd is the column just after the badge block.
const badgeEnd = 2 + nameWidth + 1 + tierWidth + 1 + pinWidth + 1 + verifyWidth + 1 + reviewWidth

// columnsView is the heading of the list.
func (m *model) columnsView() string {
	h := "  " + fit("NAME", nameWidth) + " " + fit("TIER", tierWidth) + " " + fit("PIN", pinWidth) + " " +
		fit("VERIFICATION", verifyWidth) + " " + fit("REVIEW", reviewWidth) + " TITLE"
	return m.styles.Heading.Render(ansi.Truncate(h, m.width, ""))
}

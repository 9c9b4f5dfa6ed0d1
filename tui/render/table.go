package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	east "github.com/yuin/goldmark/extension/ast"
)

// table renders a GFM table as aligned columns when it fits width, and
// otherwise as one "header: value" line per cell, each row a block.
func (w *writer) table(n *east.Table, width int) []string {
	var rows [][]string
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.ReplaceAll(w.inline(c), "\n", " "))
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		return nil
	}
	widths := columnWidths(rows)
	total := 0
	for _, cw := range widths {
		total += cw + 3
	}
	if total-3 <= width {
		return alignedRows(rows, widths)
	}
	return stackedRows(rows, width)
}

func columnWidths(rows [][]string) []int {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	return widths
}

func alignedRows(rows [][]string, widths []int) []string {
	sep := style(sgrQuote, " │ ")
	out := make([]string, 0, len(rows)+1)
	for i, row := range rows {
		var b strings.Builder
		for j, c := range row {
			if j > 0 {
				b.WriteString(sep)
			}
			b.WriteString(c)
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-ansi.StringWidth(c)))
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
		if i == 0 {
			out = append(out, style(sgrQuote, rule(widths)))
		}
	}
	return out
}

func rule(widths []int) string {
	parts := make([]string, len(widths))
	for i, cw := range widths {
		parts[i] = strings.Repeat("─", cw)
	}
	return strings.Join(parts, "─┼─")
}

// stackedRows prints each body row as "header: value" lines.
func stackedRows(rows [][]string, width int) []string {
	head := rows[0]
	var out []string
	for _, row := range rows[1:] {
		if len(out) > 0 {
			out = append(out, "")
		}
		for j, c := range row {
			label := ""
			if j < len(head) {
				label = head[j]
			}
			line := c
			if label != "" {
				line = span("1", "22", label) + ": " + c
			}
			out = append(out, wrap(line, width)...)
		}
	}
	if len(out) == 0 {
		out = wrap(strings.Join(head, " · "), width)
	}
	return out
}

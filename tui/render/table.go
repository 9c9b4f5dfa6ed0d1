package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// GFM tables are recognised here rather than with goldmark's extension
// package, whose URL-matching regexps cost about 1 ms of program start in
// every command: a paragraph whose first line holds a '|' and whose second
// is a delimiter row (| --- | :-: |) is a table; each cell is parsed as
// Markdown on its own.

// tableRows returns the cells of paragraph n when it is a GFM table.
func (w *writer) tableRows(n *ast.Paragraph) ([][]string, bool) {
	lines := n.Lines()
	if lines.Len() < 2 {
		return nil, false
	}
	line := func(i int) string {
		seg := lines.At(i)
		return strings.TrimRight(string(seg.Value(w.src)), "\r\n")
	}
	head, delim := splitRow(line(0)), splitRow(line(1))
	if !strings.Contains(line(0), "|") || len(head) != len(delim) || !isDelimRow(delim) {
		return nil, false
	}
	rows := [][]string{head}
	for i := 2; i < lines.Len(); i++ {
		rows = append(rows, splitRow(line(i)))
	}
	return rows, true
}

// splitRow cuts a table line at each '|' not escaped by a backslash or
// inside a code span, dropping one leading and one trailing pipe.
func splitRow(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	var cells []string
	start, inCode := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '`':
			inCode = !inCode
		case '|':
			if !inCode {
				cells = append(cells, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(cells, strings.TrimSpace(s[min(start, len(s)):]))
}

func isDelimRow(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// table renders a table as aligned columns when it fits width, and
// otherwise as one "header: value" line per cell, each row a block.
func (w *writer) table(raw [][]string, width int) []string {
	rows := make([][]string, len(raw))
	for i, r := range raw {
		for _, c := range r {
			rows[i] = append(rows[i], strings.ReplaceAll(w.cellText(c), "\n", " "))
		}
	}
	widths := columnWidths(rows)
	total := 0
	for _, cw := range widths {
		total += cw + 3
	}
	if total-3 <= width {
		return alignedRows(rows, widths, w.pal.quote)
	}
	return stackedRows(rows, width)
}

// cellText renders one cell's inline Markdown (a `\|` in it is a pipe).
func (w *writer) cellText(cell string) string {
	src := []byte(strings.ReplaceAll(cell, `\|`, "|"))
	doc := markdownParser().Parser().Parse(text.NewReader(src))
	cw := &writer{src: src, pal: w.pal}
	var parts []string
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		parts = append(parts, cw.inline(c))
	}
	return strings.Join(parts, " ")
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

func alignedRows(rows [][]string, widths []int, sgr string) []string {
	sep := style(sgr, " │ ")
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
			out = append(out, style(sgr, rule(widths)))
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

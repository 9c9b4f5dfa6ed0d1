package render

import (
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The Markdown renderer is goldmark's CommonMark parser, GFM tables
// (table.go) and the small terminal writer below: no syntax
// highlighting, no HTML sanitiser, nothing initialised at program start
// (glamour linked chroma's lexers and styles, bluemonday and gorilla/css,
// about 12 ms of package init that every command paid).
var (
	parserOnce sync.Once
	mdParser   goldmark.Markdown
)

func markdownParser() goldmark.Markdown {
	parserOnce.Do(func() {
		mdParser = goldmark.New()
	})
	return mdParser
}

// palette holds the SGR parameters of the styles used, for a dark or a
// light background; Filter removes them all for NoColor.
type palette struct{ heading, code, block, quote, target string }

var (
	darkPalette  = palette{heading: "1;38;5;39", code: "38;5;203", block: "38;5;244", quote: "38;5;240", target: "38;5;246"}
	lightPalette = palette{heading: "1;38;5;25", code: "38;5;124", block: "38;5;238", quote: "38;5;247", target: "38;5;242"}
)

// margin indents the whole report, as glamour's default style did.
const margin = "  "

// minWidth keeps nested containers from squeezing text to nothing.
const minWidth = 10

// writer renders one parsed document.
type writer struct {
	src []byte
	pal palette
}

// renderTerminal renders md for a terminal width cells wide, with colours
// for a light background when light.
func renderTerminal(md string, width int, light bool) string {
	src := []byte(md)
	doc := markdownParser().Parser().Parse(text.NewReader(src))
	w := &writer{src: src, pal: darkPalette}
	if light {
		w.pal = lightPalette
	}
	lines := prefixed(w.children(doc, width-len(margin), false), margin, margin)
	return "\n" + strings.Join(lines, "\n") + "\n"
}

// children renders n's blocks one after the other, with a blank line
// between them unless tight.
func (w *writer) children(n ast.Node, width int, tight bool) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := w.block(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func (w *writer) block(n ast.Node, width int) []string {
	width = max(width, minWidth)
	switch n := n.(type) {
	case *ast.Paragraph:
		if rows, ok := w.tableRows(n); ok {
			return w.table(rows, width)
		}
		return wrap(w.inline(n), width)
	case *ast.TextBlock:
		return wrap(w.inline(n), width)
	case *ast.Heading:
		return wrap(style(w.pal.heading, strings.Repeat("#", n.Level)+" "+w.inline(n)), width)
	case *ast.ThematicBreak:
		return []string{style(w.pal.quote, strings.Repeat("─", width))}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return w.code(n, width)
	case *ast.Blockquote:
		return prefixed(w.children(n, width-2, false), style(w.pal.quote, "│")+" ", style(w.pal.quote, "│")+" ")
	case *ast.List:
		return w.list(n, width)
	case *ast.HTMLBlock:
		return nil // raw HTML is never shown as markup nor run
	}
	return w.children(n, width, false)
}

// code renders a code block's lines as they are, indented, without
// highlighting; lines wider than the space are broken.
func (w *writer) code(n ast.Node, width int) []string {
	var out []string
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := strings.TrimRight(restoreAmpersands(string(seg.Value(w.src))), "\r\n")
		line = strings.ReplaceAll(line, "\t", "    ")
		for _, l := range strings.Split(ansi.Hardwrap(line, width-2, true), "\n") {
			out = append(out, "  "+style(w.pal.block, l))
		}
	}
	return out
}

func (w *writer) list(n *ast.List, width int) []string {
	var out []string
	num := n.Start
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		marker := "• "
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + string(n.Marker) + " "
			num++
		}
		pad := strings.Repeat(" ", ansi.StringWidth(marker))
		item := w.children(c, width-len(pad), n.IsTight)
		if len(item) == 0 {
			item = []string{""}
		}
		if len(out) > 0 && !n.IsTight {
			out = append(out, "")
		}
		out = append(out, prefixed(item, marker, pad)...)
	}
	return out
}

// prefixed puts first before the first line and rest before the others.
func prefixed(lines []string, first, rest string) []string {
	for i := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		lines[i] = strings.TrimRight(p+lines[i], " ")
	}
	return lines
}

// wrap breaks s, which holds at most SGR sequences, into lines of width
// cells at word boundaries (inside a word when it is wider than a line).
func wrap(s string, width int) []string {
	return strings.Split(ansi.Wrap(s, width, ""), "\n")
}

func style(sgr, s string) string {
	if s == "" {
		return ""
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}

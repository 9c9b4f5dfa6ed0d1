package render

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// inline renders the inline content of n on one logical line: soft line
// breaks become spaces, hard ones newlines.
func (w *writer) inline(n ast.Node) string {
	var b strings.Builder
	w.inlines(&b, n)
	return b.String()
}

func (w *writer) inlines(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inlineNode(b, c)
	}
}

func (w *writer) inlineNode(b *strings.Builder, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		b.WriteString(w.decode(n.Segment.Value(w.src)))
		switch {
		case n.HardLineBreak():
			b.WriteByte('\n')
		case n.SoftLineBreak():
			b.WriteByte(' ')
		}
	case *ast.String:
		b.WriteString(w.decode(n.Value))
	case *ast.CodeSpan:
		b.WriteString(span(w.pal.code, "39", w.literal(n)))
	case *ast.Emphasis:
		on, off := "3", "23"
		if n.Level >= 2 {
			on, off = "1", "22"
		}
		b.WriteString(span(on, off, w.inline(n)))
	case *ast.Link:
		w.link(b, w.inline(n), w.decode(n.Destination))
	case *ast.Image:
		b.WriteString("Image: ")
		w.link(b, w.inline(n), w.decode(n.Destination))
	case *ast.AutoLink:
		b.WriteString(span("4", "24", w.decode(n.URL(w.src))))
	case *ast.RawHTML:
		// raw inline HTML is dropped, as a browser would not show the tag
	default:
		w.inlines(b, n)
	}
}

// link writes the link text and, when it differs, the full target beside
// it: the target is what a reader must be able to check.
func (w *writer) link(b *strings.Builder, label, target string) {
	if label != "" {
		b.WriteString(span("4", "24", label))
	}
	if target == "" || target == label {
		if label == "" {
			b.WriteString(target)
		}
		return
	}
	if label != "" {
		b.WriteByte(' ')
	}
	b.WriteString(span(w.pal.target, "39", target))
}

// literal returns a code span's text as written, entities not decoded.
func (w *writer) literal(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(w.src))
		} else if s, ok := c.(*ast.String); ok {
			b.Write(s.Value)
		}
	}
	return clean(b.String())
}

// decode resolves backslash escapes and entities in text. Every '&' that
// could decode to something unsafe was hidden by NeutraliseEntities, and
// the result is sanitised again, so decoding can never yield a control.
func (w *writer) decode(v []byte) string {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return clean(string(v))
}

// clean restores the hidden ampersands and escapes anything unsafe.
func clean(s string) string {
	return sanitize.Text(restoreAmpersands(s))
}

// span styles s and ends with off, which undoes only this style, so an
// enclosing style carries on after it.
func span(on, off, s string) string {
	if s == "" {
		return ""
	}
	return "\x1b[" + on + "m" + s + "\x1b[" + off + "m"
}

package catalog

import (
	"bytes"
	"regexp"
	"sync"
)

// The fast path for big published catalogs. Parsing 50,000 entries as one
// yaml.Node tree is slow and memory-hungry, so a catalog in plain block
// layout is cut at its top-level keys and at each registry entry, and the
// pieces are parsed separately, in parallel (see parseCut).
//
// Why this gives the same result as parsing the whole file: a piece starts
// at a line indented no deeper than a registry entry key. Block scalars and
// plain multi-line scalars cannot continue onto such a line (YAML requires
// deeper indentation), so the only tokens that could run across a cut are
// quoted scalars and flow collections, and those leave the piece they start
// in unterminated, which is a parse error. Any error, document marker,
// directive, tab, odd indentation or unusual key sends the whole file to
// the ordinary parser, which stays the authority on what the file means.

// span is a byte range of the file; line is the number of lines before it.
type span struct{ start, end, line int }

// layout is a published catalog cut into pieces.
type layout struct {
	head    span   // from the top through the "registry:" line
	tail    span   // top-level keys after the registry block; empty if none
	entries []span // one per registry entry
}

var (
	registryLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^registry:[ \t]*(?:#.*)?$`) })
	entryLine    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ +[A-Za-z0-9][A-Za-z0-9._-]*:(?:[ \t]|$)`) })
)

type cutter struct {
	phase int // 0 before registry, 1 inside it, 2 after it
	child int // indentation of entry keys
	open  bool
	cur   span
	l     layout
}

// cutPublished cuts data, or reports false when the file is not in the
// plain layout the fast path handles.
func cutPublished(data []byte) (layout, bool) {
	var c cutter
	for pos, line := 0, 0; pos < len(data); line++ {
		end := bytes.IndexByte(data[pos:], '\n') + pos + 1
		if end == pos {
			end = len(data)
		}
		if !c.line(bytes.TrimRight(data[pos:end], "\r\n"), pos, end, line) {
			return layout{}, false
		}
		pos = end
	}
	switch c.phase {
	case 0:
		return layout{}, false
	case 1:
		c.closeEntry(len(data))
	case 2:
		c.l.tail.end = len(data)
	}
	return c.l, true
}

func (c *cutter) line(text []byte, pos, end, n int) bool {
	body := bytes.TrimLeft(text, " ")
	if len(body) == 0 || body[0] == '#' {
		return true
	}
	if body[0] == '\t' {
		return false
	}
	indent := len(text) - len(body)
	if indent == 0 {
		return c.topLevel(text, pos, end, n)
	}
	if c.phase != 1 {
		return true
	}
	if c.child == 0 {
		c.child = indent
	}
	switch {
	case indent > c.child:
		return c.open
	case indent < c.child || !entryLine().Match(text):
		return false
	}
	c.closeEntry(pos)
	c.cur, c.open = span{start: pos, line: n}, true
	return true
}

func (c *cutter) topLevel(text []byte, pos, end, n int) bool {
	if bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) || text[0] == '%' {
		return false
	}
	isRegistry := registryLine().Match(text)
	switch {
	case c.phase == 0 && isRegistry:
		c.phase, c.l.head = 1, span{start: 0, end: end}
	case c.phase == 0 && bytes.HasPrefix(text, []byte("registry")):
		return false
	case c.phase == 1:
		c.closeEntry(pos)
		c.phase, c.l.tail = 2, span{start: pos, line: n}
		return !bytes.HasPrefix(text, []byte("registry"))
	case isRegistry:
		return false
	}
	return true
}

func (c *cutter) closeEntry(pos int) {
	if c.open {
		c.cur.end = pos
		c.l.entries = append(c.l.entries, c.cur)
		c.open = false
	}
}

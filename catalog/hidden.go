package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// hiddenKind names the first character class in s that can hide or fake
// text on a terminal (THREATS A15, B1-B5), or "" when there is none.
// Newline and tab are allowed; zero-width characters are named apart
// because emoji sequences use them legitimately.
func hiddenKind(s string) string {
	for _, r := range s {
		if k := runeKind(r); k != "" {
			return k
		}
	}
	return ""
}

func runeKind(r rune) string {
	switch {
	case r == '\n' || r == '\t':
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return "control character"
	case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
		return "bidirectional control"
	case r >= 0xe0000 && r <= 0xe007f:
		return "invisible tag character"
	case r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff:
		return "zero-width character"
	}
	return ""
}

// hiddenText checks every key and scalar in the file.
func (l *linter) hiddenText() {
	type item struct {
		n    *yaml.Node
		path string
	}
	stack := []item{{l.root, ""}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch it.n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(it.n.Content); i += 2 {
				k := it.n.Content[i]
				l.checkHidden(k, join(it.path, k.Value))
				stack = append(stack, item{it.n.Content[i+1], join(it.path, k.Value)})
			}
		case yaml.SequenceNode:
			for i, c := range it.n.Content {
				stack = append(stack, item{c, fmt.Sprintf("%s[%d]", it.path, i)})
			}
		case yaml.ScalarNode:
			l.checkHidden(it.n, it.path)
		}
	}
}

// mixedScript reports a word mixing Latin with Cyrillic or Greek letters,
// the usual homoglyph trick ("gіthub" with a Cyrillic і).
func mixedScript(s string) string {
	for _, w := range strings.Fields(s) {
		var latin, other bool
		for _, r := range w {
			latin = latin || unicode.Is(unicode.Latin, r)
			other = other || unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r)
		}
		if latin && other {
			return w
		}
	}
	return ""
}

func (l *linter) checkHidden(n *yaml.Node, path string) {
	if w := mixedScript(n.Value); w != "" {
		l.addAt(n.Line, "mixed-script", path, "word %s mixes Latin with Cyrillic or Greek letters", strconv.QuoteToASCII(w))
	}
	kind := hiddenKind(n.Value)
	if kind == "" {
		return
	}
	l.addAt(n.Line, "hidden-text", path, "contains a %s: %s", kind, strconv.QuoteToASCII(n.Value))
}

package render

import "strings"

// Depth estimates how deeply md nests block quotes and lists, without
// parsing it: per line, each leading '>' and list marker counts one level,
// and (outside fenced code) each two columns of indentation count one. It
// over-estimates rather than under-estimates, so a report it passes is
// safe to hand to the renderer. Markers count inside fences too, so a fence
// the renderer does not see as one cannot hide nesting.
func Depth(md string) int {
	deepest, inFence := 0, false
	for len(md) > 0 {
		line := md
		if i := strings.IndexByte(md, '\n'); i >= 0 {
			line, md = md[:i], md[i+1:]
		} else {
			md = ""
		}
		d, body := lineDepth(line, !inFence)
		if isFence(body) {
			inFence = !inFence
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// lineDepth counts the container markers and indentation that open line,
// and returns the rest of the line.
func lineDepth(line string, countIndent bool) (int, string) {
	depth, cols := 0, 0
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			if depth == 0 { // indentation before the first marker
				cols += 1 + 3*boolInt(c == '\t')
			}
			i++
		case c == '>':
			depth++
			i++
		default:
			n := listMarker(line[i:])
			if n == 0 {
				return depth + indentLevels(cols, countIndent), line[i:]
			}
			depth++
			i += n
		}
	}
	return depth + indentLevels(cols, countIndent), ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func indentLevels(cols int, count bool) int {
	if !count {
		return 0
	}
	return cols / 2
}

// listMarker returns the length of a list marker ("-", "*", "+", "1." or
// "1)" followed by a space or the end of the line) at the start of s, or 0.
func listMarker(s string) int {
	if s == "" {
		return 0
	}
	n := 0
	if s[0] == '-' || s[0] == '*' || s[0] == '+' {
		n = 1
	} else {
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

func isFence(body string) bool {
	return strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~")
}

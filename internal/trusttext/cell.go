package trusttext

import "github.com/mcp-trust/mcp-trust/internal/sanitize"

// Cell sanitises an untrusted value for one table cell and cuts it to max
// runes (the last one an ellipsis), so a hostile value cannot push the
// other columns around. An empty value is "-".
func Cell(s string, max int) string {
	s = sanitize.Line(s)
	if s == "" {
		return "-"
	}
	if r := []rune(s); max > 0 && len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// Clip sanitises an untrusted one-line value and keeps at most maxRunes
// runes of it, without a marker: display code cuts it further to its
// column. Input longer than 4*maxRunes bytes is cut first, so a huge value
// costs nothing (a rune split there is escaped like any invalid byte).
func Clip(s string, maxRunes int) string {
	if len(s) > 4*maxRunes {
		s = s[:4*maxRunes]
	}
	s = sanitize.Line(s)
	if n := 0; len(s) > maxRunes {
		for i := range s {
			if n == maxRunes {
				return s[:i]
			}
			n++
		}
	}
	return s
}

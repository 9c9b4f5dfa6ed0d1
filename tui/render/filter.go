package render

import (
	"strings"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

const esc = 0x1b

// Filter removes every escape sequence from s except SGR (ESC [ params m,
// params made of digits, ';' and ':' only), and removes SGR as well when
// keepSGR is false. OSC (hyperlinks, clipboard, titles), DCS, APC, PM, SOS,
// any CSI whose final byte is not 'm', and lone two-byte escapes are
// dropped whole. Stray control characters other than newline, DEL, C1
// controls and the invisible or bidi characters sanitize refuses are shown
// escaped; tabs become spaces; invalid UTF-8 becomes U+FFFD.
func Filter(s string, keepSGR bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == esc {
			end, sgr := escapeEnd(s, i)
			if sgr && keepSGR {
				b.WriteString(s[i:end])
			}
			i = end
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString("    ")
		case sanitize.Unsafe(r):
			b.WriteString(sanitize.Line(string(r)))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// escapeEnd returns the index just past the escape sequence that starts at
// s[i] (an ESC), and whether it is a plain SGR sequence.
func escapeEnd(s string, i int) (end int, sgr bool) {
	if i+1 >= len(s) {
		return len(s), false
	}
	switch s[i+1] {
	case '[':
		return csiEnd(s, i+2)
	case ']', 'P', '_', '^', 'X':
		return stringEnd(s, i+2), false
	}
	_, size := utf8.DecodeRuneInString(s[i+1:])
	return i + 1 + size, false
}

// csiEnd scans a CSI body from j: parameter bytes 0x30-0x3F, intermediate
// bytes 0x20-0x2F, one final byte 0x40-0x7E. Anything else ends the
// sequence there (dropped, never passed through).
func csiEnd(s string, j int) (int, bool) {
	plain := true
	for ; j < len(s); j++ {
		c := s[j]
		switch {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c >= 0x30 && c <= 0x3f, c >= 0x20 && c <= 0x2f:
			plain = false
		case c >= 0x40 && c <= 0x7e:
			return j + 1, plain && c == 'm'
		default:
			return j, false
		}
	}
	return len(s), false
}

// stringEnd finds the end of an OSC, DCS, APC, PM or SOS string: BEL, ESC \
// or the C1 string terminator U+009C. An unterminated string runs to the
// end of s, which is dropped with it.
func stringEnd(s string, j int) int {
	for ; j < len(s); j++ {
		switch {
		case s[j] == 0x07:
			return j + 1
		case s[j] == esc:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return j
		case s[j] == 0xc2 && j+1 < len(s) && s[j+1] == 0x9c:
			return j + 2
		}
	}
	return len(s)
}

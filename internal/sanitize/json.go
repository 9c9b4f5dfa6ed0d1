package sanitize

import (
	"fmt"
	"unicode/utf8"
)

// JSON returns an encoded JSON document with every unsafe character written
// as a \u escape. encoding/json already escapes C0 controls but passes DEL,
// C1 controls and bidi or invisible characters through as raw UTF-8, which a
// terminal may obey when the JSON is printed. The result decodes to exactly
// the same values as the input. Invalid UTF-8 (which encoding/json never
// produces) is replaced by U+FFFD.
func JSON(doc []byte) []byte {
	if Clean(string(doc)) {
		return doc
	}
	out := make([]byte, 0, len(doc)+32)
	for i := 0; i < len(doc); {
		r, size := utf8.DecodeRune(doc[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case r == '\n' || r == '\t' || r == '\r' || r == ' ':
			out = append(out, doc[i:i+size]...) // whitespace between tokens
		case Unsafe(r):
			out = appendUnicodeEscape(out, r)
		default:
			out = append(out, doc[i:i+size]...)
		}
		i += size
	}
	return out
}

func appendUnicodeEscape(out []byte, r rune) []byte {
	if r <= 0xffff {
		return fmt.Appendf(out, `\u%04x`, r)
	}
	r -= 0x10000
	return fmt.Appendf(out, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
}

package sanitize

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Line returns s with every unsafe character escaped, including newlines and
// tabs, so the result occupies exactly one line of a table.
func Line(s string) string { return escape(s, false) }

// Text returns s with every unsafe character escaped but newlines and tabs
// kept, for multi-line text such as descriptions and reports.
func Text(s string) string { return escape(s, true) }

// Clean reports whether s needs no escaping as a single line.
func Clean(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

func escape(s string, keepLines bool) string {
	if Clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case keepLines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case Unsafe(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Unsafe reports whether r must never reach a terminal as is: C0 controls
// (newline and tab included), DEL, C1 controls, and the invisible or
// direction-changing characters used to disguise text (Trojan Source):
// bidi controls and isolates, line and paragraph separators, zero-width and
// default-ignorable formatting characters, tag characters and the rest of
// their block (variation selectors supplement included: invisible, used to
// smuggle bytes). sanitizetest.MustEscape is the independent table tests
// hold it to.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r < 0xad:
		return false
	case r == 0x00ad, r == 0x034f, r == 0x061c, r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5, r == 0x180e:
		return true
	case r >= 0x200b && r <= 0x200f: // zero-width space, joiners, LRM, RLM
		return true
	case r >= 0x2028 && r <= 0x202e: // line/paragraph separators, bidi embeddings and overrides
		return true
	case r >= 0x2060 && r <= 0x206f: // word joiner, invisible operators, bidi isolates
		return true
	case r == 0x3164, r == 0xfeff, r == 0xffa0:
		return true
	case r >= 0xfff0 && r <= 0xfffb: // reserved specials, interlinear annotation controls
		return true
	case r >= 0x13430 && r <= 0x1343f, r >= 0x1bca0 && r <= 0x1bca3, r >= 0x1d173 && r <= 0x1d17a: // format controls
		return true
	}
	return r >= 0xe0000 && r <= 0xe0fff // tags (ASCII smuggling), variation selectors supplement
}

func escapeRune(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if r < 0x80 {
		return `\x` + hex2(byte(r))
	}
	return `\u{` + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + `}`
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

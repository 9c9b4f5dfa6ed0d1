package pbjson

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// validEscapes reports whether every \u escape in the JSON text is four hex
// digits and, where it names a UTF-16 surrogate, a high surrogate followed
// by an escaped low one: protojson refuses the rest, which encoding/json
// would turn into U+FFFD.
func validEscapes(raw []byte) bool {
	inString := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString:
			if i+1 < len(raw) && raw[i+1] == 'u' {
				r, ok := escapedRune(raw, i)
				if !ok || utf16.IsSurrogate(r) && !validPair(raw, i, r) {
					return false
				}
				if utf16.IsSurrogate(r) {
					i += 6
				}
				i += 5
			} else {
				i++
			}
		}
	}
	return true
}

// escapedRune reads the \uXXXX escape at raw[i:].
func escapedRune(raw []byte, i int) (rune, bool) {
	if i+6 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 16)
	return rune(n), err == nil
}

// validPair: r, escaped at raw[i:], is a high surrogate and a low one is
// escaped right after it.
func validPair(raw []byte, i int, r rune) bool {
	if r >= 0xdc00 || i+8 > len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' {
		return false
	}
	low, ok := escapedRune(raw, i+6)
	return ok && utf16.DecodeRune(r, low) != utf8.RuneError
}

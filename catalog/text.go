package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// Text from catalogs, file names and URLs is untrusted. The model keeps it
// raw, but everything this package renders itself is made terminal-safe:
// error and Problem strings through safeLine, and the JSON contract
// through escapeJSON (THREATS A15, B1-B5).

// safeLine joins lines with "; " and escapes every character that could
// drive or fool a terminal (C0/C1 controls, DEL, bidi, zero-width and tag
// characters) as \xHH or \uHHHH.
func safeLine(s string) string {
	if !strings.ContainsFunc(s, isHidden) {
		return s
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString("; ")
		}
		for _, r := range p {
			writeRune(&b, r)
		}
	}
	return b.String()
}

func writeRune(b *strings.Builder, r rune) {
	switch {
	case r == utf8.RuneError:
		b.WriteString(`\ufffd`)
	case r < 0x20 || r == 0x7f:
		fmt.Fprintf(b, `\x%02x`, r)
	case isHidden(r) && r > 0xffff:
		fmt.Fprintf(b, `\U%08x`, r)
	case isHidden(r):
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		b.WriteRune(r)
	}
}

// isHidden reports a character safeLine rewrites: an unsafe one, a line
// break, or U+FFFD (what an invalid byte decodes to: a lone 0x9b is a CSI
// on an 8-bit terminal).
func isHidden(r rune) bool {
	return r != '\t' && (sanitize.Unsafe(r) || r == utf8.RuneError)
}

// escapeJSON rewrites characters that encoding/json leaves raw but a
// terminal would act on (C1 controls, bidi, zero-width, tag characters)
// as \u escapes, which keeps the document valid and equal in meaning.
func escapeJSON(b []byte) []byte {
	if !strings.ContainsFunc(string(b), isJSONHidden) {
		return b
	}
	var out strings.Builder
	out.Grow(len(b) + 64)
	for _, r := range string(b) {
		switch {
		case !isJSONHidden(r):
			out.WriteRune(r)
		case r > 0xffff:
			r1, r2 := surrogates(r)
			fmt.Fprintf(&out, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&out, `\u%04x`, r)
		}
	}
	return []byte(out.String())
}

// isJSONHidden: encoding/json already escapes C0 controls.
func isJSONHidden(r rune) bool {
	return r >= 0x7f && sanitize.Unsafe(r)
}

func surrogates(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// MarshalJSON encodes the entry with the field names documented in doc.go,
// terminal-safe (see escapeJSON).
func (s Server) MarshalJSON() ([]byte, error) {
	type plain Server
	b, err := json.Marshal(plain(s))
	return escapeJSON(b), err
}

// MarshalJSON encodes the catalog terminal-safe (see escapeJSON).
func (c Catalog) MarshalJSON() ([]byte, error) {
	type plain Catalog
	b, err := json.Marshal(plain(c))
	return escapeJSON(b), err
}

// MarshalJSON encodes the problem terminal-safe (see escapeJSON).
func (p Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	b, err := json.Marshal(plain(p))
	return escapeJSON(b), err
}

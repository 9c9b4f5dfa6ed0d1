package render

import (
	"strconv"
	"strings"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// ampersand stands in for '&' while the Markdown is rendered: a renderer
// decodes HTML entities in text, strike-through and link targets, and
// glamour did so in places after markup had been removed, so
// `~~&**#27;**[31m~~` became ESC [31m. A character from the Private Use Area means nothing to Markdown
// or to html.UnescapeString; it is turned back into '&' after rendering.
const ampersand = '\uE000'

// NeutraliseEntities hides from the Markdown renderer every '&' that does
// not start a harmless entity. Harmless: a named entity (`&lt;`; none
// decodes to a control character other than tab and newline) or a numeric
// one, with its ';', whose code point is printable and not one sanitize
// refuses. Everything else, `&#27;`, `&#x1b;`, `&#155;`, `&#x202E;`, a
// numeric entity without ';', or an '&' that markup separates from the rest,
// shows literally. A double-encoded `&amp;#27;` decodes once, to the text
// `&#27;`. A literal U+E000 in md is written as its escape first.
func NeutraliseEntities(md string) string {
	if !strings.ContainsAny(md, "&\uE000") {
		return md
	}
	md = strings.ReplaceAll(md, string(ampersand), `\u{E000}`)
	var b strings.Builder
	b.Grow(len(md))
	for i := 0; i < len(md); i++ {
		if md[i] != '&' {
			b.WriteByte(md[i])
			continue
		}
		if harmlessEntity(md[i+1:]) {
			b.WriteByte('&')
		} else {
			b.WriteRune(ampersand)
		}
	}
	return b.String()
}

// restoreAmpersands undoes the stand-in after rendering.
func restoreAmpersands(s string) string {
	return strings.ReplaceAll(s, string(ampersand), "&")
}

// harmlessEntity reports whether rest (the text after an '&') starts with a
// complete named entity or a numeric entity decoding to a safe character.
func harmlessEntity(rest string) bool {
	semi := strings.IndexByte(rest, ';')
	if semi < 2 || semi > 32 {
		return false
	}
	body := rest[:semi]
	if body[0] != '#' {
		return isAlnumName(body)
	}
	var (
		v   uint64
		err error
	)
	if body[1] == 'x' || body[1] == 'X' {
		v, err = strconv.ParseUint(body[2:], 16, 32)
	} else {
		v, err = strconv.ParseUint(body[1:], 10, 32)
	}
	if err != nil || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) {
		return false
	}
	r := rune(v)
	return r >= 0x20 && !sanitize.Unsafe(r)
}

func isAlnumName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

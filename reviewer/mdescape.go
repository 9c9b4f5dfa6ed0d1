package reviewer

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// hiddenRune reports characters that must never reach a reader raw: C0 and
// C1 controls, DEL, line and paragraph separators, and the invisible or
// direction-changing characters the pre-scan flags.
func hiddenRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x00ad, r == 0x061c, r == 0x115f, r == 0x1160, r == 0x180e, r == 0x3164, r == 0xfeff, r == 0xffa0:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
		return true
	case r >= 0xfff9 && r <= 0xfffb, r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// visible returns s with hidden characters written as \u{XXXX} and invalid
// UTF-8 bytes as \xNN, so the text is one visible line.
func visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case hiddenRune(r):
			fmt.Fprintf(&b, `\u{%04X}`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// codeSpan renders untrusted text as one inline Markdown code span that it
// cannot leave: hidden characters escaped (no line break can end the span),
// and a fence one backtick longer than the longest run inside. Text that
// starts or ends with a backtick or space is padded with one space on each
// side, which CommonMark strips again.
func codeSpan(s string) string {
	s = visible(s)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if s == "" || strings.ContainsAny(s[:1], "` ") || strings.ContainsAny(s[len(s)-1:], "` ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdText renders untrusted text as inline Markdown text: hidden characters
// escaped and every ASCII punctuation character backslash-escaped, so it
// cannot open a heading, list, link, HTML block, comment or code span.
func mdText(s string) string {
	s = visible(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

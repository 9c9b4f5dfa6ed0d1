package sanitizetest

// Range is an inclusive range of code points and why they are unsafe.
type Range struct {
	Lo, Hi rune
	Why    string
}

// MustEscape lists every code point that must be shown escaped. Keep it
// hard-coded: never build it from a sanitiser.
var MustEscape = []Range{
	{0x0000, 0x001f, "C0 controls: ESC starts CSI/OSC/DCS, CR overwrites, BS erases, LF and TAB forge rows and columns"},
	{0x007f, 0x007f, "DEL"},
	{0x0080, 0x009f, "C1 controls: U+009B is CSI, U+009D OSC, U+0085 NEL on 8-bit terminals"},
	{0x00ad, 0x00ad, "soft hyphen: invisible"},
	{0x034f, 0x034f, "combining grapheme joiner: invisible"},
	{0x061c, 0x061c, "Arabic letter mark: bidi control"},
	{0x115f, 0x1160, "Hangul choseong and jungseong fillers: blank"},
	{0x17b4, 0x17b5, "Khmer inherent vowels: invisible"},
	{0x180e, 0x180e, "Mongolian vowel separator: invisible"},
	{0x200b, 0x200d, "zero-width space, non-joiner, joiner"},
	{0x200e, 0x200f, "left-to-right and right-to-left marks: bidi"},
	{0x2028, 0x2029, "line and paragraph separators: line breaks for some terminals and parsers"},
	{0x202a, 0x202e, "bidi embeddings, pop and overrides (Trojan Source)"},
	{0x2060, 0x2064, "word joiner, invisible function application, times, separator, plus"},
	{0x2065, 0x2065, "reserved default-ignorable: invisible"},
	{0x2066, 0x2069, "bidi isolates (Trojan Source)"},
	{0x206a, 0x206f, "deprecated format characters: invisible shaping and digit controls"},
	{0x3164, 0x3164, "Hangul filler: blank"},
	{0xfeff, 0xfeff, "zero-width no-break space (BOM)"},
	{0xffa0, 0xffa0, "halfwidth Hangul filler: blank"},
	{0xfff0, 0xfff8, "reserved default-ignorable specials: invisible"},
	{0xfff9, 0xfffb, "interlinear annotation controls: hide text"},
	{0x13430, 0x1343f, "Egyptian hieroglyph format controls: invisible"},
	{0x1bca0, 0x1bca3, "shorthand format controls: invisible"},
	{0x1d173, 0x1d17a, "musical symbol format controls: invisible"},
	{0xe0000, 0xe007f, "tag characters: invisible ASCII smuggling"},
	{0xe0080, 0xe00ff, "reserved default-ignorable (tag block)"},
	{0xe0100, 0xe01ef, "variation selectors supplement: invisible, used to smuggle bytes"},
	{0xe01f0, 0xe0fff, "reserved default-ignorable"},
}

// MustKeep are characters a sanitiser must leave alone: escaping them would
// mangle ordinary text (a sanitiser that escapes everything passes the
// MustEscape checks and is still wrong).
var MustKeep = []rune{
	' ', 'a', 'Z', '0', '~', '\\', '"', 'é', 'ß', 'Ж', 'ع', '日', '한', '✔', '…', '€',
	0x00a0, // no-break space: visible as a space
	0x200a, // hair space
	0x2010, // hyphen
	0xfe0f, // emoji variation selector: part of ordinary emoji
	0x1f600, 0x1f469,
}

// Each calls fn for every code point in MustEscape.
func Each(fn func(r rune, why string)) {
	for _, rg := range MustEscape {
		for r := rg.Lo; r <= rg.Hi; r++ {
			fn(r, rg.Why)
		}
	}
}

// Contains reports whether r is in MustEscape.
func Contains(r rune) bool {
	for _, rg := range MustEscape {
		if r >= rg.Lo && r <= rg.Hi {
			return true
		}
	}
	return false
}

// Raw returns the first MustEscape code point in s, or -1 when there is
// none. Newline and tab are allowed when keepLines is set.
func Raw(s string, keepLines bool) rune {
	for _, r := range s {
		if keepLines && (r == '\n' || r == '\t') {
			continue
		}
		if Contains(r) {
			return r
		}
	}
	return -1
}

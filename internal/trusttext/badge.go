package trusttext

import "fmt"

// Tone is what a badge says about trust; renderers map it to a style.
type Tone uint8

// The tones, least alarming first.
const (
	ToneDim Tone = iota
	ToneGood
	ToneInfo
	ToneWarn
	ToneBad
)

// Badge is one trust signal: a symbol and a word, so colour is never the
// only carrier of meaning. Short is the compact word shown on narrow
// terminals (at most ShortWordWidth cells). Symbols are single-width in
// every locale (no East Asian "ambiguous" characters).
type Badge struct {
	Symbol string
	Word   string
	Short  string
	Tone   Tone
}

// ShortWordWidth bounds a compact badge's word, in cells.
const ShortWordWidth = 6

// Text is the long form: symbol and word.
func (b Badge) Text() string { return b.Symbol + " " + b.Word }

// Compact is the short form: symbol and short word.
func (b Badge) Compact() string { return b.Symbol + " " + b.Short }

// String is the long form.
func (b Badge) String() string { return b.Text() }

// Mark is the long form with the word padded to width cells, for aligned
// check lists ("✔ pass ", "? ERROR").
func (b Badge) Mark(width int) string {
	return fmt.Sprintf("%s %-*s", b.Symbol, width, b.Word)
}

// Suffixed returns b with a word appended to both forms (e.g. "old").
func (b Badge) Suffixed(long, short string) Badge {
	b.Word += " " + long
	b.Short += short
	return b
}

// SignatureCaveat is said wherever a verdict is shown in full.
const SignatureCaveat = "A signature proves where an image came from, not that it is safe."

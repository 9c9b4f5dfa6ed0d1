// Package trusttext owns the words of trust: the symbol and word of every
// status, verdict, tier, pin and review badge (long and compact), the
// "a signature is not safety" caveat, human ages and table-cell escaping.
//
// The commands and the terminal UI print these words and only add styling
// (colour by Tone), so a badge reads the same everywhere and never relies
// on colour alone. The package imports no UI or command library (a
// depcheck test holds it).
package trusttext

// Package render turns untrusted Markdown (AI-written review reports) into
// text that is safe to put on a terminal. It has no bubbletea dependency so
// the `report` command can print with it as well as the TUI.
//
// A report goes through four steps (THREATS B6-B9):
//
//  1. Limits: a report over MaxBytes, or nested (block quotes and lists)
//     deeper than MaxDepth, is not parsed at all; it is shown as sanitised
//     raw text, cut to MaxBytes, with a notice saying why.
//  2. Sanitising: every control, bidi and invisible character is escaped by
//     internal/sanitize, the program's one sanitiser.
//  3. Entities: every '&' that does not start a harmless entity is hidden
//     from the Markdown renderer, so no entity can decode to a C0 or C1
//     control, DEL or a bidi character, even when markup splits it
//     (`~~&**#27;**[31m~~`) or it is encoded twice (`&amp;#27;`).
//  4. Rendering and filtering: goldmark parses, a small writer (no syntax
//     highlighting, nothing set up at program start) lays the text out, and
//     the output keeps only SGR sequences (ESC [ ... m);
//     every other escape sequence (OSC 8 hyperlinks, OSC 52, DCS, a CSI with
//     another final byte) and any stray control character is removed. With
//     NoColor, SGR goes too. Link targets are printed in full beside the
//     link text, so removing the OSC 8 wrapper hides nothing.
package render

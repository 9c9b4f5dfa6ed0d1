// Package sanitize makes untrusted text safe to put on a terminal.
//
// Catalog titles, descriptions, tags, URLs, registry data and review reports are
// written by people we do not trust. A terminal obeys escape sequences, so any
// such string must pass through this package before it is printed: C0 and C1
// controls, DEL, ESC (and with it every CSI, OSC, DCS, APC and PM sequence,
// including OSC 52 clipboard writes and OSC 8 hyperlinks), bidirectional
// controls, zero-width and invisible characters, Unicode tag characters and
// invalid UTF-8 are shown escaped (`\x1b`, `\u{202E}`), never passed through.
//
// There is one sanitiser for the whole program so that one fuzz target covers
// every path: Line for single-line fields (table cells), Text for multi-line
// text that keeps newlines and tabs, and JSON for encoded JSON documents, which
// keeps the JSON valid and its values unchanged.
package sanitize

// Package tui is the terminal UI of `docker mcptrust catalog`: a list of the
// catalog's servers with trust badges (build, publisher, pin, verification,
// review risk), fuzzy find with facets, a detail pane, live verification and
// the review report. Badge words come from internal/trusttext; the UI only
// styles them. The list keeps every trust column at any width from 60
// columns (list.go: layoutFor gives up the title, then long words, then
// name width).
//
// The structure follows STYLE.md: one root model with a state enum, one
// KeyMap of bubbles/key bindings, one Styles struct, and side effects only in
// tea.Cmds that call the small interfaces declared in deps.go (Verifier,
// Reports, Clipboard). The command layer adapts the real verifier and
// review store to them; tui never builds network clients, reads flags or the
// environment, or exits the process.
//
// Mouse (mouse.go): the wheel scrolls the list and the panes; a click
// selects a row and a click on the selected row opens its details. y
// (clipboard.go) copies only a reference rebuilt from a verified result,
// with OSC 52 unless Options.NoClipboard. Options.Theme picks the palette
// (styles.go); auto follows the terminal's answer to the background colour
// query, NoColor wins over any theme.
//
// Every string from the catalog, the registry or a review is untrusted. It
// passes internal/sanitize before it is rendered (catalog text once, when
// the model is built), is cut to its column by display width, and is never
// allowed to style the terminal; Markdown reports go through tui/render.
package tui

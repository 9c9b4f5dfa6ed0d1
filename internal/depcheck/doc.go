// Package depcheck holds the test that enforces the import rules of
// STYLE.md: libraries never import the command layer, cobra, docker/cli or
// the TUI, and the launcher links nothing heavy. It has no code of its own.
package depcheck

//go:build !race

package tui

// raceEnabled: see race_test.go.
const raceEnabled = false

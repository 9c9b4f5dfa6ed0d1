//go:build race

package tui

// raceEnabled: the race detector multiplies memory use, so peak RSS means
// nothing in this build.
const raceEnabled = true

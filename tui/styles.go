package tui

import (
	"fmt"
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme is the colour theme the user asks for (`catalog --theme`).
type Theme uint8

const (
	// ThemeAuto follows the terminal's background colour, asked for at
	// start; until the terminal answers (or when it never does) the UI
	// uses basic colours that read on light and dark backgrounds alike.
	ThemeAuto Theme = iota
	// ThemeDark is for a dark background.
	ThemeDark
	// ThemeLight is for a light background.
	ThemeLight
)

// Themes are the names ParseTheme takes, in order.
var Themes = []string{"auto", "dark", "light"}

// String is the theme's name.
func (t Theme) String() string {
	if int(t) < len(Themes) {
		return Themes[t]
	}
	return fmt.Sprintf("Theme(%d)", t)
}

// ParseTheme parses a theme name: auto, dark or light.
func ParseTheme(s string) (Theme, error) {
	for i, n := range Themes {
		if s == n {
			return Theme(i), nil
		}
	}
	return ThemeAuto, fmt.Errorf("unknown theme %q: want auto, dark or light", s)
}

// palette is the set of colours a Styles was built from.
type palette uint8

const (
	palettePlain palette = iota // no colour, no attribute (NO_COLOR)
	paletteBasic                // basic ANSI colours, for any background
	paletteDark
	paletteLight
)

// String names the palette (tests).
func (p palette) String() string { return [...]string{"plain", "basic", "dark", "light"}[p] }

// paletteFor chooses the palette: none without colour; the theme asked
// for; for auto, the terminal's background once it has answered (known),
// else the basic colours.
func paletteFor(noColor bool, t Theme, known, dark bool) palette {
	switch {
	case noColor:
		return palettePlain
	case t == ThemeDark, t == ThemeAuto && known && dark:
		return paletteDark
	case t == ThemeLight, t == ThemeAuto && known:
		return paletteLight
	}
	return paletteBasic
}

// Styles holds every style of the UI. The plain palette has no colour and
// no attribute, so the output carries no escape sequence. Every palette
// styles the same words: colour is never the only signal.
type Styles struct {
	palette palette

	Title, Dim, Heading, Selected, Status, Error lipgloss.Style
	// Chrome is the tool's own verdict line above a report.
	Chrome lipgloss.Style
	// Frame draws the border around untrusted report text.
	Frame lipgloss.Style
	// Tones style badges by what they say.
	Tones [toneBad + 1]lipgloss.Style
	// Help styles the short help line.
	Help help.Styles
}

// DefaultStyles returns the styles of the basic palette, or the plain
// one with noColor.
func DefaultStyles(noColor bool) Styles {
	return newStyles(paletteFor(noColor, ThemeAuto, false, false))
}

// tones are the colours of one palette, by badge tone, then status.
type tones struct{ dim, good, info, warn, bad, status color.Color }

var paletteTones = map[palette]tones{
	// Basic ANSI colours: the terminal's own palette makes them fit.
	paletteBasic: {lipgloss.BrightBlack, lipgloss.Green, lipgloss.Cyan, lipgloss.Yellow, lipgloss.Red, lipgloss.Cyan},
	// Bright colours that stand out on black, a grey that is not too dim.
	paletteDark: {lipgloss.ANSIColor(245), lipgloss.BrightGreen, lipgloss.BrightCyan, lipgloss.BrightYellow, lipgloss.BrightRed, lipgloss.BrightCyan},
	// Deep colours that read on white: no yellow, no light cyan.
	paletteLight: {lipgloss.ANSIColor(242), lipgloss.ANSIColor(28), lipgloss.ANSIColor(25), lipgloss.ANSIColor(130), lipgloss.ANSIColor(160), lipgloss.ANSIColor(25)},
}

// newStyles builds the styles of one palette.
func newStyles(p palette) Styles {
	plain := lipgloss.NewStyle()
	c, ok := paletteTones[p]
	if !ok {
		return Styles{
			palette: palettePlain,
			Title:   plain, Dim: plain, Heading: plain, Selected: plain, Status: plain, Error: plain,
			Chrome: plain, Frame: plain,
			Tones: [toneBad + 1]lipgloss.Style{plain, plain, plain, plain, plain},
		}
	}
	fg := func(c color.Color) lipgloss.Style { return plain.Foreground(c) }
	return Styles{
		palette:  p,
		Title:    plain.Bold(true),
		Dim:      fg(c.dim),
		Heading:  plain.Bold(true).Underline(true),
		Selected: plain.Bold(true),
		Status:   fg(c.status),
		Error:    fg(c.bad).Bold(true),
		Chrome:   plain.Bold(true),
		Frame:    fg(c.warn),
		Tones: [toneBad + 1]lipgloss.Style{
			toneDim:  fg(c.dim),
			toneGood: fg(c.good),
			toneInfo: fg(c.info),
			toneWarn: fg(c.warn),
			toneBad:  fg(c.bad).Bold(true),
		},
		Help: help.DefaultStyles(p != paletteLight),
	}
}

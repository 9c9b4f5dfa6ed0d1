package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles holds every style of the UI. With NoColor every style is plain:
// no colour and no attribute, so the output carries no escape sequence.
type Styles struct {
	Title, Dim, Heading, Selected, Status, Error lipgloss.Style
	// Chrome is the tool's own verdict line above a report.
	Chrome lipgloss.Style
	// Frame draws the border around untrusted report text.
	Frame lipgloss.Style
	// Tones style badges by what they say.
	Tones [toneBad + 1]lipgloss.Style
}

// DefaultStyles returns the styles: basic ANSI colours, which work on light
// and dark backgrounds alike, or none at all.
func DefaultStyles(noColor bool) Styles {
	plain := lipgloss.NewStyle()
	if noColor {
		return Styles{
			Title: plain, Dim: plain, Heading: plain, Selected: plain, Status: plain, Error: plain,
			Chrome: plain, Frame: plain,
			Tones: [toneBad + 1]lipgloss.Style{plain, plain, plain, plain, plain},
		}
	}
	fg := func(c color.Color) lipgloss.Style { return plain.Foreground(c) }
	return Styles{
		Title:    plain.Bold(true),
		Dim:      fg(lipgloss.BrightBlack),
		Heading:  plain.Bold(true).Underline(true),
		Selected: plain.Bold(true),
		Status:   fg(lipgloss.Cyan),
		Error:    fg(lipgloss.Red).Bold(true),
		Chrome:   plain.Bold(true),
		Frame:    fg(lipgloss.Yellow),
		Tones: [toneBad + 1]lipgloss.Style{
			toneDim:  fg(lipgloss.BrightBlack),
			toneGood: fg(lipgloss.Green),
			toneInfo: fg(lipgloss.Cyan),
			toneWarn: fg(lipgloss.Yellow),
			toneBad:  fg(lipgloss.Red).Bold(true),
		},
	}
}

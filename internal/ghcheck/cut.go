package ghcheck

import (
	"fmt"
	"strings"
)

// MaxOutput is GitHub's limit on a check run's output.summary and
// output.text: 65,535 characters. Cut counts bytes, which are never fewer
// than characters (or UTF-16 units), so a cut text fits however GitHub
// counts.
const MaxOutput = 65535

// Cut returns s when it fits in limit bytes. Otherwise it returns the
// longest prefix that ends before a line break (or, when no line fits,
// before a space) and fits with the note appended, then the note, and
// true. A line break or space is never inside a UTF-8 sequence, nor inside
// an escape of the Markdown escapers (they escape line breaks and write no
// spaces), so the cut never splits either.
func Cut(s string, limit int) (string, bool) {
	if len(s) <= limit {
		return s, false
	}
	note := truncatedNote(len(s))
	budget := max(limit-len(note), 0)
	window := s[:budget+1] // the byte after the budget may be the break itself
	end := strings.LastIndexByte(window, '\n')
	if end < 0 {
		end = max(strings.LastIndexByte(window, ' '), 0)
	}
	return s[:end] + note, true
}

func truncatedNote(total int) string {
	return fmt.Sprintf("\n\n_Truncated by mcptrust to fit GitHub's limit of %d characters (%d bytes in all): "+
		"the full review is in report.md and in `--format json`._", MaxOutput, total)
}

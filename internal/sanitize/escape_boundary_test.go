package sanitize

import "testing"

// The escape FORMAT changes at U+0080 (\xNN below it, \u{NN} from it on):
// the code points on each side of that edge and of the C1 range are pinned
// exactly. (A mutation run found the edge unpinned: `r <= 0x80` passed.)
func TestEscapeFormatBoundaries(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x1f", `\x1f`},
		{" ", " "},
		{"~", "~"},
		{"\x7f", `\x7f`},
		{"\u0080", `\u{80}`},
		{"\u009f", `\u{9F}`},
		{"\u00a0", "\u00a0"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

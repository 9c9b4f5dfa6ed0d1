package sanitize

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize/sanitizetest"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "GitHub Official", "GitHub Official"},
		{"unicode letters kept", "café 日本 ✔", "café 日本 ✔"},
		{"csi clear screen", "\x1b[2J\x1b[H✔ VERIFIED", `\x1b[2J\x1b[H✔ VERIFIED`},
		{"osc 52 clipboard", "\x1b]52;c;ZXZpbA==\x07", `\x1b]52;c;ZXZpbA==\x07`},
		{"osc 8 hyperlink", "\x1b]8;;https://evil\x1b\\x\x1b]8;;\x1b\\", `\x1b]8;;https://evil\x1b\x\x1b]8;;\x1b\`},
		{"c1 csi", "\u009b2J", `\u{9B}2J`},
		{"c1 osc and st", "\u009d0;title\u009c", `\u{9D}0;title\u{9C}`},
		{"carriage return overwrite", "safe\rMALICIOUS", `safe\rMALICIOUS`},
		{"backspace", "ab\bc", `ab\x08c`},
		{"newline and tab", "a\nb\tc", `a\nb\tc`},
		{"del", "a\x7fb", `a\x7fb`},
		{"bidi override", "abc\u202Eevil", `abc\u{202E}evil`},
		{"bidi isolate", "a\u2066b\u2069", `a\u{2066}b\u{2069}`},
		{"zero width", "a\u200Bb\u200Dc\uFEFF", `a\u{200B}b\u{200D}c\u{FEFF}`},
		{"tag characters", "hi\U000E0041\U000E007F", `hi\u{E0041}\u{E007F}`},
		{"hangul filler", "a\u3164b", `a\u{3164}b`},
		{"invalid utf8", "a\xffb", `a\xffb`},
		{"lone trailing esc", "field\x1b", `field\x1b`},
		{"nul", "a\x00b", `a\x00b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextKeepsLines(t *testing.T) {
	in := "line one\n\tindented \x1b[31mred\r\n"
	want := "line one\n\tindented \\x1b[31mred\\r\n"
	if got := Text(in); got != want {
		t.Errorf("Text(%q) = %q, want %q", in, got, want)
	}
}

// Split sequences: two fields each harmless-looking on their own must not
// form an escape sequence when printed side by side (THREATS B4).
func TestSplitSequenceAcrossFields(t *testing.T) {
	out := Line("first\x1b") + Line("[2Jsecond")
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("Line(a)+Line(b) = %q, contains ESC", out)
	}
}

func TestJSONKeepsValues(t *testing.T) {
	values := []string{
		"plain", "\x1b[2J", "\u009b2J", "abc\u202Eevil", "a\x7fb", "hi\U000E0041", "zw\u200B", "ok ✔",
	}
	doc, err := json.MarshalIndent(map[string]any{"v": values}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	safe := JSON(doc)
	assertNoControls(t, string(safe), true)
	var back struct{ V []string }
	if err := json.Unmarshal(safe, &back); err != nil {
		t.Fatalf("JSON(doc) is not valid JSON: %v\n%s", err, safe)
	}
	for i, v := range values {
		if back.V[i] != v {
			t.Errorf("JSON round trip of %q = %q", v, back.V[i])
		}
	}
}

// assertNoControls is the invariant of this package, judged by the
// independent table (not by Unsafe): no control byte, no C1 control, no
// invisible or bidi character survives, and the output is valid UTF-8.
func assertNoControls(t testing.TB, s string, keepLines bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output is not valid UTF-8: %q", s)
	}
	if r := sanitizetest.Raw(s, keepLines); r >= 0 {
		t.Fatalf("output %q holds unsafe rune %U", s, r)
	}
}

func FuzzLine(f *testing.F) {
	for _, seed := range []string{"", "plain", "\x1b[2J", "\u009b", "\xff\xfe", "a\u202Eb", "\x1b]52;c;AA==\x07", "0: [:!00 \xef"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		assertNoControls(t, Line(s), false)
		assertNoControls(t, Text(s), true)
		if Clean(s) && Line(s) != s {
			t.Fatalf("Line(%q) changed clean input", s)
		}
	})
}

func FuzzJSON(f *testing.F) {
	f.Add("\x1b[31m", "\u009b")
	f.Add("a\u202E", "\U000E0041")
	f.Fuzz(func(t *testing.T, a, b string) {
		doc, err := json.Marshal([]string{a, b})
		if err != nil {
			t.Fatalf("json.Marshal: %v", err)
		}
		safe := JSON(doc)
		assertNoControls(t, string(safe), false)
		var back []string
		if err := json.Unmarshal(safe, &back); err != nil {
			t.Fatalf("JSON(%s) invalid: %v", doc, err)
		}
		var orig []string
		_ = json.Unmarshal(doc, &orig)
		if back[0] != orig[0] || back[1] != orig[1] {
			t.Fatalf("JSON changed values: %q -> %q", orig, back)
		}
	})
}

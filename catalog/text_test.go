package catalog

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSafeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\tkept", "tab\tkept"},
		{"a\nb\r\nc", "a; b; c"},
		{"\x1b[2Jclear", `\x1b[2Jclear`},
		{"osc \x1b]52;c;eA==\a", `osc \x1b]52;c;eA==\x07`},
		{"c1 \u009b2J", `c1 \u009b2J`},
		{"bidi \u202eevil\u202c", `bidi \u202eevil\u202c`},
		{"zero\u200bwidth", `zero\u200bwidth`},
		{"tag \U000E0041", `tag \U000e0041`},
		{"del \x7f", `del \x7f`},
		{"emoji ✔ kept", "emoji ✔ kept"},
	}
	for _, tt := range tests {
		if got := safeLine(tt.in); got != tt.want {
			t.Errorf("safeLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestErrorsAndProblemsAreTerminalSafe(t *testing.T) {
	hostile := "servers/\x1b[2J\u202e/server.yaml"
	for _, s := range []string{
		(&ParseError{File: hostile, Line: 1, Err: errEmptyDocument}).Error(),
		(&InputError{Path: hostile, Err: ErrNotRegular}).Error(),
		(&FetchError{URL: "https://x/\x1b]8;;", Status: 500}).Error(),
		Problem{File: hostile, Message: "bad\x9b"}.String(),
	} {
		if strings.ContainsAny(s, "\x1b\u202e\u009b\n") {
			t.Errorf("rendered %q still carries control characters", s)
		}
	}
}

// The JSON contract escapes what encoding/json leaves raw, and decodes back
// to exactly the raw text.
func TestJSONIsTerminalSafe(t *testing.T) {
	raw := "a\x1b[31m \u009b \u202e \u200b \U000E0041 ✔ é"
	s := Server{Name: "x", Title: raw, Tags: []string{raw}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(b), "\x1b\u009b\u202e\u200b\U000E0041") {
		t.Errorf("json.Marshal(Server) = %s, still raw", b)
	}
	var back struct {
		Title string   `json:"title"`
		Tags  []string `json:"tags"`
	}
	if err := json.Unmarshal(b, &back); err != nil || back.Title != raw || back.Tags[0] != raw {
		t.Errorf("round trip = %q, %v; want %q", back.Title, err, raw)
	}
	c := Catalog{DisplayName: raw, Problems: []Problem{{Message: raw}}}
	if b, _ := json.Marshal(c); strings.ContainsAny(string(b), "\u202e\u009b") {
		t.Errorf("json.Marshal(Catalog) = %s, still raw", b)
	}
}

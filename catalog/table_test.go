package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize/sanitizetest"
)

// catalog renders error and Problem strings (safeLine) and the JSON
// contract (escapeJSON) itself: each code point of the independent table
// comes out escaped on both paths, and the JSON decodes back to the raw text.
func TestCatalogEscapersAgainstTable(t *testing.T) {
	sanitizetest.Each(func(r rune, why string) {
		in := "x" + string(r) + "y"
		for name, got := range map[string]string{
			"safeLine": safeLine(in),
			"Problem":  Problem{File: in, Field: in, Message: in}.String(),
			"error":    (&ParseError{File: in, Line: 1, Field: in, Err: fmt.Errorf("bad %s", in)}).Error(),
		} {
			// safeLine joins lines with "; " and leaves a tab alone: one
			// line either way.
			if raw := sanitizetest.Raw(got, true); raw >= 0 || strings.Contains(got, "\n") || !utf8.ValidString(got) {
				t.Errorf("%s(%U, %s) = %q, want it escaped", name, r, why, got)
			}
		}
		b, err := json.Marshal(Server{Name: "n", Title: in, Tags: []string{in}})
		if err != nil {
			t.Fatal(err)
		}
		if raw := sanitizetest.Raw(string(b), false); raw >= 0 {
			t.Errorf("json.Marshal(Server{Title: %U}) holds it raw: %s", r, b)
		}
		var back Server
		if err := json.Unmarshal(b, &back); err != nil || back.Title != in {
			t.Errorf("JSON round trip of %U = %q, %v", r, back.Title, err)
		}
	})
}

func TestCatalogEscapersKeepOrdinaryText(t *testing.T) {
	for _, r := range sanitizetest.MustKeep {
		in := "x" + string(r) + "y"
		b, _ := json.Marshal(Server{Title: in})
		if safeLine(in) != in || !strings.Contains(string(b), in) && r != '"' && r != '\\' {
			t.Errorf("%U: safeLine %q, JSON %s; want it unchanged", r, safeLine(in), b)
		}
	}
}

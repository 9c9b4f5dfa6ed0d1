package sanitize

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize/sanitizetest"
)

// Every code point of the independent table comes out of Line, Text and
// JSON escaped (newline and tab are kept by Text only), its neighbours
// intact; the characters of ordinary text come out unchanged.
func TestEveryTableCodePointIsEscaped(t *testing.T) {
	sanitizetest.Each(func(r rune, why string) {
		in := "x" + string(r) + "y"
		for name, got := range map[string]string{"Line": Line(in), "Text": Text(in)} {
			keep := name == "Text" && (r == '\n' || r == '\t')
			if keep {
				if got != in {
					t.Errorf("%s(%U) = %q, want it kept", name, r, got)
				}
				continue
			}
			if raw := sanitizetest.Raw(got, false); raw >= 0 || !strings.HasPrefix(got, `x\`) || !strings.HasSuffix(got, "y") || !utf8.ValidString(got) {
				t.Errorf("%s(%U, %s) = %q, want it escaped", name, r, why, got)
			}
		}
		if Clean(in) {
			t.Errorf("Clean(%U, %s) = true", r, why)
		}
		checkJSON(t, in)
	})
}

func checkJSON(t *testing.T, in string) {
	t.Helper()
	doc, err := json.Marshal(map[string]string{"k": in})
	if err != nil {
		t.Fatal(err)
	}
	safe := JSON(doc)
	if raw := sanitizetest.Raw(string(safe), false); raw >= 0 {
		t.Errorf("JSON(%q) = %s, holds raw %U", in, safe, raw)
	}
	var back map[string]string
	if err := json.Unmarshal(safe, &back); err != nil || back["k"] != in {
		t.Errorf("JSON(%q) decodes to %q, %v", in, back["k"], err)
	}
}

func TestTableKeepsOrdinaryText(t *testing.T) {
	for _, r := range sanitizetest.MustKeep {
		in := "x" + string(r) + "y"
		doc, _ := json.Marshal(in)
		if Line(in) != in || Text(in) != in || !Clean(in) || string(JSON(doc)) != string(doc) {
			t.Errorf("%U: Line %q, Text %q, JSON %s; want all unchanged", r, Line(in), Text(in), JSON(doc))
		}
	}
}

// Unsafe is exactly the table: a code point dropped from it, or one added
// without a reason in the table, fails here.
func TestUnsafeMatchesTable(t *testing.T) {
	var diffs []string
	for r := rune(0); r <= utf8.MaxRune && len(diffs) < 20; r++ {
		if Unsafe(r) != sanitizetest.Contains(r) {
			diffs = append(diffs, fmt.Sprintf("%U: Unsafe %v, table %v", r, Unsafe(r), sanitizetest.Contains(r)))
		}
	}
	if len(diffs) > 0 {
		t.Errorf("Unsafe differs from sanitizetest.MustEscape:\n%s", strings.Join(diffs, "\n"))
	}
}

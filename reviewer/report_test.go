package reviewer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

const (
	testHead = "1111111111111111111111111111111111111111"
	testBase = "2222222222222222222222222222222222222222"
)

func TestParseReportTemplate(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "agent-report-info.md"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseReport(b)
	if err != nil {
		t.Fatalf("ParseReport(template) = %v", err)
	}
	if r.Risk != risk.Info || len(r.Heads) != 1 || r.Heads[0] != testHead || len(r.Bases) != 1 || r.Bases[0] != testBase {
		t.Errorf("ParseReport(template) = %+v, want info, head %s, base %s", r, testHead, testBase)
	}
	if err := CheckHead(r, testHead, testBase); err != nil {
		t.Errorf("CheckHead(template, head, base) = %v, want nil", err)
	}
}

func TestParseReportRiskLevel(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want risk.Level
		ok   bool
	}{
		{"bold colon inside", "- **Overall Risk Level:** CRITICAL\n", risk.Critical, true},
		{"bold colon outside", "**Overall Risk Level**: High\n", risk.High, true},
		{"plain", "Overall Risk Level: medium\n", risk.Medium, true},
		{"value in bold and explained", "- **Overall Risk Level:** **LOW** - only docs changed\n", risk.Low, true},
		{"code span", "* Overall Risk Level: `info`\n", risk.Info, true},
		{"two levels take the max", "Overall Risk Level: INFO\n\nOverall Risk Level: CRITICAL\n", risk.Critical, true},
		{"placeholder", "- **Overall Risk Level:** [CRITICAL/HIGH/MEDIUM/LOW/INFO]\n", risk.None, false},
		{"none", "Overall Risk Level: NONE\n", risk.None, false},
		{"missing", "# Report\nAll good.\n", risk.None, false},
		{"empty", "  \n", risk.None, false},
		{"invalid UTF-8", "Overall Risk Level: INFO\n\xff\n", risk.None, false},
		{"too large", "Overall Risk Level: INFO\n" + strings.Repeat("x", MaxReportSize), risk.None, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseReport([]byte(tt.in))
			if !tt.ok {
				if err == nil {
					t.Errorf("ParseReport(%.60q) = %+v, nil; want an error", tt.in, r)
				}
				return
			}
			if err != nil || r.Risk != tt.want {
				t.Errorf("ParseReport(%.60q) = %+v, %v; want risk %v", tt.in, r, err, tt.want)
			}
		})
	}
}

func TestCheckHead(t *testing.T) {
	other := strings.Repeat("3", 40)
	tests := []struct {
		name       string
		report     string
		head, base string
		stale      bool
	}{
		{"matching full mode", "Overall Risk Level: INFO\nHead Commit: " + testHead + "\nBase Commit: N/A\n", testHead, "", false},
		{"uppercase SHA", "Overall Risk Level: INFO\n**Head Commit:** " + strings.ToUpper(testHead) + "\n", testHead, "", false},
		{"other head", "Overall Risk Level: INFO\nHead Commit: " + other + "\n", testHead, "", true},
		{"short head", "Overall Risk Level: INFO\nHead Commit: " + testHead[:7] + "\n", testHead, "", true},
		{"no head", "Overall Risk Level: INFO\n", testHead, "", true},
		{"second head differs", "Overall Risk Level: INFO\nHead Commit: " + testHead + "\nHead Commit: " + other + "\n", testHead, "", true},
		{"base missing in differential", "Overall Risk Level: INFO\nHead Commit: " + testHead + "\n", testHead, testBase, true},
		{"base differs", "Overall Risk Level: INFO\nHead Commit: " + testHead + "\nBase Commit: " + other + "\n", testHead, testBase, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseReport([]byte(tt.report))
			if err != nil {
				t.Fatal(err)
			}
			err = CheckHead(r, tt.head, tt.base)
			var se *StaleReviewError
			if got := errors.As(err, &se) && errors.Is(err, ErrStaleReview); got != tt.stale {
				t.Errorf("CheckHead(%q) = %v, want stale %v", tt.name, err, tt.stale)
			}
		})
	}
}

func TestCodeSpanCannotBeLeft(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "`plain`"},
		{"a`b", "``a`b``"},
		{"```\n# heading\n<!--", "```` ```\\u{000A}# heading\\u{000A}<!-- ````"},
		{"`", "`` ` ``"},
		{" padded ", "`  padded  `"},
		{"", "`  `"},
		{"x\u202ey", "`x\\u{202E}y`"},
		{"\xff", "`\\xff`"},
	}
	for _, tt := range tests {
		if got := codeSpan(tt.in); got != tt.want {
			t.Errorf("codeSpan(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMdTextEscapesMarkup(t *testing.T) {
	in := "<!-- # [x](y) *z* `c`\n"
	// The escaped newline renders as the text \u{000A}.
	want := `\<\!\-\- \# \[x\]\(y\) \*z\* \` + "`c\\`" + `\\u\{000A\}`
	if got := mdText(in); got != want {
		t.Errorf("mdText(%q) = %q, want %q", in, got, want)
	}
}

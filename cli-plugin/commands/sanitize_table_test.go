package commands

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize/sanitizetest"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// The command output paths (table cells, --format templates, --format
// json) escape every code point of the independent table: the table is the
// oracle, not the sanitiser's own predicate.
func TestOutputPathsAgainstTable(t *testing.T) {
	tmpl, err := ParseFormat("{{.Title}} {{index .Tags 0}}")
	if err != nil {
		t.Fatal(err)
	}
	type item struct {
		Title string   `json:"title"`
		Tags  []string `json:"tags"`
	}
	sanitizetest.Each(func(r rune, why string) {
		in := "x" + string(r) + "y"
		if got := cell(in, 100); sanitizetest.Raw(got, false) >= 0 || !strings.HasPrefix(got, `x\`) {
			t.Errorf("cell(%U, %s) = %q, want it escaped", r, why, got)
		}
		var b bytes.Buffer
		if err := writeTemplate(&b, tmpl, []item{{Title: in, Tags: []string{in}}}); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSuffix(b.String(), "\n"); sanitizetest.Raw(got, false) >= 0 {
			t.Errorf("template output for %U (%s) = %q, want it escaped", r, why, got)
		}
		b.Reset()
		if err := writeJSON(&b, item{Title: in, Tags: []string{in}}); err != nil {
			t.Fatal(err)
		}
		var back item
		// Indented JSON keeps newlines between tokens, never inside a string.
		if got := b.String(); sanitizetest.Raw(got, true) >= 0 || strings.Contains(got, "\t") ||
			json.Unmarshal(b.Bytes(), &back) != nil || back.Title != in {
			t.Errorf("writeJSON for %U (%s) = %q, want it escaped and decoding to the raw text", r, why, got)
		}
	})
}

func TestOutputPathsKeepOrdinaryText(t *testing.T) {
	tmpl, _ := ParseFormat("{{.}}")
	for _, r := range sanitizetest.MustKeep {
		in := "x" + string(r) + "y"
		var b bytes.Buffer
		if err := writeTemplate(&b, tmpl, []string{in}); err != nil || cell(in, 100) != in || b.String() != in+"\n" {
			t.Errorf("%U: cell %q, template %q; want it unchanged", r, cell(in, 100), b.String())
		}
	}
}

// report prints the stored review as plain text (a pipe) or rendered
// Markdown (a terminal, no colour): on both paths every table code point
// is escaped or dropped, never printed raw; newlines are the report's own.
func TestReportOutputAgainstTable(t *testing.T) {
	var md strings.Builder
	sanitizetest.Each(func(r rune, _ string) {
		if r != '\n' && r != '\t' {
			md.WriteString("x" + string(r) + "y\n\n")
		}
	})
	rev := &reviewer.StoredReview{Report: []byte(md.String()), Meta: reviewer.Meta{Server: "x", Commit: pinA, Agent: "a",
		Verdict: reviewer.Verdict{Reasons: []string{md.String()}}}}
	for _, tty := range []bool{false, true} {
		io, _, out, _ := iostreams.Test()
		io.SetStdoutTTY(tty)
		if err := printReport(io, Format{}, rev); err != nil {
			t.Fatal(err)
		}
		if r := sanitizetest.Raw(out.String(), true); r >= 0 || strings.Contains(out.String(), "\t") {
			t.Errorf("report (tty %v) prints %U raw", tty, r)
		}
		if tty && strings.Contains(out.String(), "shown raw") {
			t.Errorf("report (tty) fell back to raw text: the Markdown path is not checked")
		}
		if n := strings.Count(out.String(), "x"); n < 1000 {
			t.Errorf("report (tty %v) shows %d of the report's lines: the test checks nothing", tty, n)
		}
	}
}

package commands

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// printReview writes the result: JSON (the reviewer.Result contract), a
// template over it, SARIF, or the human summary.
func printReview(ios *iostreams.IOStreams, f Format, res *reviewer.Result) error {
	switch {
	case f.IsJSON():
		return writeJSON(ios.Out, res)
	case f.IsTemplate():
		return writeTemplate(ios.Out, f, []*reviewer.Result{res})
	case f.IsSARIF():
		return writeReviewSARIF(ios.Out, res)
	}
	return writeReviewText(ios.Out, res)
}

func writeReviewText(w io.Writer, res *reviewer.Result) error {
	v := res.Verdict
	mode := "full"
	if res.Base != "" {
		mode = "differential from " + res.Base
	}
	fmt.Fprintf(w, "review: %s at %s (%s), agent %s\n", sanitize.Line(res.Repo), res.Head, mode, res.Agent)
	fmt.Fprintf(w, "verdict: %s (final risk %s: agent %s, pre-scan %s; check %s)\n",
		trusttext.ReviewHeadline(v), v.Risk, v.AgentRisk, v.PrescanRisk, v.Conclusion())
	for _, r := range v.Reasons {
		fmt.Fprintf(w, "  - %s\n", sanitize.Line(r))
	}
	writePrescanText(w, res.Prescan)
	if res.ReportPath != "" {
		fmt.Fprintf(w, "report: %s\n", sanitize.Line(res.ReportPath))
	}
	switch {
	case res.LabelsPath != "":
		fmt.Fprintf(w, "labels: %s\n", sanitize.Line(res.LabelsPath))
	case v.Failed:
		fmt.Fprintln(w, "labels: none (a failed review has none)")
	}
	if res.StorePath != "" {
		fmt.Fprintf(w, "stored: %s\n", sanitize.Line(res.StorePath))
	}
	return nil
}

func writePrescanText(w io.Writer, s *prescan.ScanResult) {
	if s == nil {
		fmt.Fprintln(w, "pre-scan: did not run")
		return
	}
	fmt.Fprintf(w, "pre-scan: %d findings in %d files (%s)\n", len(s.Findings)+s.Omitted, s.Files, s.Mode)
	for _, f := range s.Findings {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		fmt.Fprintf(w, "  %-8s %-20s %s  %s\n", f.Severity, sanitize.Line(f.Rule), sanitize.Line(loc), sanitize.Line(f.Message))
		if f.Excerpt != "" {
			fmt.Fprintf(w, "           %s\n", sanitize.Line(strings.TrimSpace(f.Excerpt)))
		}
	}
	if s.Omitted > 0 {
		fmt.Fprintf(w, "  (%d more omitted by the caps)\n", s.Omitted)
	}
}

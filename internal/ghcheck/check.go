package ghcheck

import (
	"fmt"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// CheckRun is the body of a check run for GitHub's Checks API (POST
// /repos/{owner}/{repo}/check-runs), less head_sha: the commit a check is
// about is the registry pull request's, which the caller knows.
type CheckRun struct {
	Name       string `json:"name"`
	Status     string `json:"status"`
	Conclusion string `json:"conclusion"`
	Output     Output `json:"output"`
}

// Output is the check run's output. Summary and Text are Markdown, each
// at most MaxOutput bytes.
type Output struct {
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Text    string `json:"text"`
}

// Review builds the check run of a review, named like the registry's
// (security-review/<agent>/<pin|new>/<server>): conclusion by
// Verdict.Conclusion, a summary of the verdict and its reasons, and the
// pre-scan findings as text, each cut to fit.
func Review(res *reviewer.Result, server string) CheckRun {
	v := res.Verdict
	mode := "new"
	if res.Base != "" {
		mode = "pin"
	}
	summary, _ := Cut(reviewSummary(res), MaxOutput)
	text, _ := Cut(findingsText(res.Prescan), MaxOutput)
	return CheckRun{
		Name:       fmt.Sprintf("security-review/%s/%s/%s", res.Agent, mode, server),
		Status:     "completed",
		Conclusion: v.Conclusion(),
		Output: Output{
			Title:   fmt.Sprintf("mcptrust security review: %s, risk %s", v.Status(), v.Risk),
			Summary: summary,
			Text:    text,
		},
	}
}

func reviewSummary(res *reviewer.Result) string {
	v := res.Verdict
	var b strings.Builder
	fmt.Fprintf(&b, "**Conclusion:** %s · **Status:** %s · **Final risk:** %s (agent %s, pre-scan %s)\n\n",
		v.Conclusion(), v.Status(), v.Risk, v.AgentRisk, v.PrescanRisk)
	fmt.Fprintf(&b, "**Repository:** %s at %s", reviewer.MarkdownCode(res.Repo), reviewer.MarkdownCode(res.Head))
	if res.Base != "" {
		fmt.Fprintf(&b, " (differential from %s)", reviewer.MarkdownCode(res.Base))
	}
	fmt.Fprintf(&b, ", agent %s\n", res.Agent)
	if len(v.Reasons) > 0 {
		b.WriteString("\n**Reasons:**\n\n")
		for _, r := range v.Reasons {
			b.WriteString("- " + reviewer.MarkdownText(r) + "\n")
		}
	}
	return b.String()
}

func findingsText(scan *prescan.ScanResult) string {
	if scan == nil {
		return "## Pre-scan\n\nThe pre-scan did not run.\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## Pre-scan\n\n%d findings in %d files (%s)\n\n", len(scan.Findings)+scan.Omitted, scan.Files, scan.Mode)
	for _, f := range scan.Findings {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		fmt.Fprintf(&b, "- **%s** %s at %s: %s\n", f.Severity, reviewer.MarkdownCode(f.Rule),
			reviewer.MarkdownCode(loc), reviewer.MarkdownText(f.Message))
		if ex := strings.TrimSpace(f.Excerpt); ex != "" {
			fmt.Fprintf(&b, "  %s\n", reviewer.MarkdownCode(ex))
		}
	}
	if scan.Omitted > 0 {
		fmt.Fprintf(&b, "\n%d more findings omitted by the caps.\n", scan.Omitted)
	}
	return b.String()
}

// JobSummary is the Markdown the command appends to $GITHUB_STEP_SUMMARY:
// the check's title, summary and text.
func JobSummary(cr CheckRun) string {
	return "## " + reviewer.MarkdownText(cr.Output.Title) + "\n\n" + cr.Output.Summary + "\n" + cr.Output.Text + "\n"
}

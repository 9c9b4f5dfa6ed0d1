package commands

import (
	"fmt"
	"io"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

// verifyView is the JSON contract of `verify --format json`: one entry per
// target, in argument (or catalog) order, plus a summary.
type verifyView struct {
	Results []*verify.Result `json:"results"`
	Summary map[string]int   `json:"summary"`
}

func printResults(io *iostreams.IOStreams, f Format, results []*verify.Result) error {
	switch {
	case f.IsJSON():
		sum := map[string]int{}
		for _, r := range results {
			sum[string(r.Verdict)]++
		}
		return writeJSON(io.Out, verifyView{Results: results, Summary: sum})
	case f.IsTemplate():
		return writeTemplate(io.Out, f, results)
	case f.IsSARIF():
		return writeVerifySARIF(io.Out, results)
	}
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(io.Out)
		}
		writeChecklist(io.Out, r)
	}
	return nil
}

// statusMark gives each status a symbol and a word (trusttext), so colour
// is never the only signal.
func statusMark(s verify.Status) string { return trusttext.CheckMark(s) }

func writeChecklist(w io.Writer, r *verify.Result) {
	title := r.Target.Ref
	if r.Target.Name != "" {
		title = r.Target.Name + " (" + r.Target.Ref + ")"
	}
	fmt.Fprintln(w, sanitize.Line(title))
	for _, c := range r.Checks {
		fmt.Fprintf(w, "  %s %-15s %s\n", statusMark(c.Status), c.Name, sanitize.Line(c.Reason))
		for _, d := range c.Detail {
			if d.Status == verify.StatusPass && d.Reason == "" {
				continue
			}
			fmt.Fprintf(w, "      %s %s %s\n", statusMark(d.Status), sanitize.Line(d.Subject), sanitize.Line(d.Reason))
		}
	}
	if r.CustomKey {
		fmt.Fprintln(w, "  note: verified with a custom key, not Docker's MCP key")
	}
	if r.TlogSkipped {
		fmt.Fprintln(w, "  WARNING: transparency log not checked (--insecure-ignore-tlog)")
	}
	if r.Facts.Cached {
		fmt.Fprintln(w, "  note: verdict from the cache (digest, pin, keys and signatures unchanged since it was verified)")
	}
	if r.Moved {
		fmt.Fprintf(w, "  note: the tag now points to %s, not the catalog's digest\n", sanitize.Line(r.TagDigest))
	}
	fmt.Fprintf(w, "  verdict: %s\n", trusttext.VerdictHeadline(r.Verdict))
	switch {
	case r.Ref != "" && r.Verdict == verify.VerdictVerified:
		fmt.Fprintf(w, "  run: %s\n", sanitize.Line(r.Ref))
	case r.Ref != "":
		fmt.Fprintf(w, "  resolved: %s (not verified: do not run)\n", sanitize.Line(r.Ref))
	}
}

package commands

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
)

// findingList names up to three pre-scan findings, for a one-line reason.
func findingList(s *prescan.ScanResult) string {
	if s == nil || len(s.Findings) == 0 {
		return ""
	}
	var names []string
	for _, f := range s.Findings[:min(3, len(s.Findings))] {
		names = append(names, fmt.Sprintf("%s at %s:%d", f.Rule, f.File, f.Line))
	}
	return " (pre-scan: " + strings.Join(names, ", ") + ")"
}

func printPins(ios *iostreams.IOStreams, f Format, results []*pinResult) error {
	switch {
	case f.IsJSON():
		return writeJSON(ios.Out, pinView{Results: results})
	case f.IsTemplate():
		return writeTemplate(ios.Out, f, results)
	}
	commit := func(c string) string { return cell(c, 40) }
	if ios.IsStdoutTTY() {
		commit = func(c string) string { return cell(c, 13) }
	}
	tw := tabwriter.NewWriter(ios.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVER\tSTATE\tBRANCH\tPINNED\tUPSTREAM\tREASON")
	for _, r := range results {
		branch := r.Branch
		if branch == "" {
			branch = "HEAD"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", cell(r.Server, 40), trusttext.PinUpstream(r.State).Text(), cell(branch, 30),
			commit(r.Pinned), commit(r.Upstream), cell(r.Reason, 200))
	}
	return tw.Flush()
}

// pinExit decides the exit code from the results: an interruption first
// (the results are incomplete), then bad input (the registry must be fixed
// before its pins mean anything), then behind or a review that did not
// pass, then an upstream that could not be asked.
func pinExit(registry string, results []*pinResult) error {
	var input, trust, undecided int
	for _, r := range results {
		code := ExitCode(r.err)
		switch {
		case code == ExitCancelled:
			return r.err
		case r.State == pinBehind || r.State == pinError && code == ExitTrust:
			trust++
		case r.State == pinError && code == ExitInput:
			input++
		case r.State == pinError:
			undecided++
		}
	}
	n := len(results)
	switch {
	case input > 0:
		return &catalog.InputError{Path: registry, Err: fmt.Errorf("%d of %d servers have bad input (see their reasons)", input, n)}
	case trust > 0:
		return silentTrustError(fmt.Sprintf("%d of %d pins are behind or failed review", trust, n))
	case undecided > 0:
		return &UndecidedError{Err: fmt.Errorf("%d of %d upstreams could not be asked", undecided, n), Silent: true}
	}
	return nil
}

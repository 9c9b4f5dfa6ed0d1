package commands

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/tui/render"
)

// printFound shows what report found: the local review first, then
// Docker's; JSON and templates get one view, the local review's when there
// is one, with Docker's result attached.
func printFound(opts *ReportOptions, rf *reportFound) error {
	if opts.Format.IsJSON() || opts.Format.IsTemplate() {
		view := rf.view()
		if opts.Format.IsJSON() {
			return writeJSON(opts.IO.Out, view)
		}
		return writeTemplate(opts.IO.Out, opts.Format, []reportView{view})
	}
	if rf.dockerErr != nil {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", sanitize.Line(rf.dockerErr.Error()))
	}
	if rf.local != nil {
		fmt.Fprintf(opts.IO.Out, "⌂ local review: covers %s\n", target(opts, rf.commit))
		if err := printReport(opts.IO, opts.Format, rf.local); err != nil {
			return err
		}
	}
	if rf.docker != nil {
		return printDocker(opts.IO, rf.docker, target(opts, rf.commit), opts.Now())
	}
	return nil
}

func (rf *reportFound) view() reportView {
	if rf.local == nil {
		return dockerView(rf.docker)
	}
	v := localView(rf.local)
	if rf.docker != nil {
		v.Docker = rf.docker
		v.Warnings = append(v.Warnings, dockerWarnings(rf.docker)...)
	}
	if rf.dockerErr != nil {
		v.Warnings = append(v.Warnings, rf.dockerErr.Error())
	}
	return v
}

// printDocker shows Docker's result: which pin it covers, where it was
// posted and by whom, our verdict, then each report as untrusted text.
func printDocker(ios *iostreams.IOStreams, res *dockerreviews.Result, what string, now time.Time) error {
	w := ios.Out
	if len(res.Reviews) == 0 {
		fmt.Fprintf(w, "no Docker review of %s at %s: %s\n", sanitize.Line(res.Server), res.Pin, sanitize.Line(res.Note))
		return nil
	}
	if res.Covers {
		fmt.Fprintf(w, "✪ Docker review of %s: covers %s\n", sanitize.Line(res.Server), what)
	} else {
		fmt.Fprintf(w, "✪ Docker review of %s: STALE, of an older pin, not %s\n", sanitize.Line(res.Server), what)
	}
	for _, rv := range res.Reviews {
		printDockerRun(w, rv)
	}
	v := res.Verdict()
	fmt.Fprintf(w, "verdict: %s, risk %s (Docker's labels and check-run conclusion)\n", dockerStatus(v), v.Risk)
	for _, r := range v.Reasons {
		fmt.Fprintf(w, "  - %s\n", sanitize.Line(r))
	}
	for _, warn := range dockerWarnings(res) {
		fmt.Fprintf(w, "warning: %s\n", sanitize.Line(warn))
	}
	if age := now.Sub(res.FetchedAt); res.Offline || age >= time.Minute {
		fmt.Fprintf(w, "GitHub answers from the cache, fetched %s (%s ago)\n", res.FetchedAt.UTC().Format(time.RFC3339), age.Round(time.Second))
	}
	for _, rv := range res.Reviews {
		if err := printUntrusted(ios, fmt.Sprintf("%s/%s", rv.Agent, rv.Mode), rv.Report); err != nil {
			return err
		}
	}
	return nil
}

// target names the commit the reviews are for.
func target(opts *ReportOptions, commit string) string {
	if opts.Commit != "" {
		return "commit " + commit + " (--commit)"
	}
	return "the current pin " + commit
}

func printDockerRun(w io.Writer, rv dockerreviews.Review) {
	fmt.Fprintf(w, "%s review by %s (%s), posted by app %s: conclusion %s, labels %s\n",
		rv.Mode, sanitize.Line(rv.Agent), rv.Time.UTC().Format(time.RFC3339), sanitize.Line(rv.App),
		sanitize.Line(rv.Conclusion), sanitize.Line(strings.Join(rv.Labels, ",")))
	if rv.Mode == dockerreviews.ModePin {
		fmt.Fprintf(w, "  upstream %s..%s %s\n", short(rv.Base), short(rv.Head), sanitize.Line(rv.Project))
	} else {
		fmt.Fprintf(w, "  upstream %s %s\n", short(rv.Head), sanitize.Line(rv.Project))
	}
	fmt.Fprintf(w, "  registry pull request #%d %s (commit %s)\n", rv.PRNumber, sanitize.Line(rv.PRURL), short(rv.RegistryCommit))
	fmt.Fprintf(w, "  check run %s\n", sanitize.Line(rv.CheckRunURL))
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	if sha == "" {
		return "?"
	}
	return sanitize.Line(sha)
}

// printUntrusted frames an AI-written report as today's local report.
func printUntrusted(ios *iostreams.IOStreams, label, report string) error {
	fmt.Fprintf(ios.Out, "──── AI-generated review by Docker, %s (untrusted content) ────\n", sanitize.Line(label))
	if ios.IsStdoutTTY() {
		res := render.Markdown(report, render.Options{Width: ios.TerminalWidth(), NoColor: !ios.ColorEnabled()})
		if res.Notice != "" {
			fmt.Fprintf(ios.Out, "[%s]\n", res.Notice)
		}
		_, err := fmt.Fprintln(ios.Out, res.Text)
		return err
	}
	_, err := fmt.Fprintln(ios.Out, render.Raw(report))
	return err
}

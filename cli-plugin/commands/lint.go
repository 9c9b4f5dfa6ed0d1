package commands

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// LintOptions holds the inputs of the lint command.
type LintOptions struct {
	IO      *iostreams.IOStreams
	Paths   []string
	Format  Format
	Strict  bool   // our own rules are errors too
	Changed string // lint only the servers changed since this commit-ish
	// ChangedFiles lists what a checkout changed since a commit-ish
	// (Factory.Git).
	ChangedFiles func(ctx context.Context, dir, base string, opts ...reviewer.FetchOption) (string, []string, error)
}

// NewCmdLint builds `lint`.
func NewCmdLint(f *Factory, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: f.IO, ChangedFiles: f.Git().ChangedFiles}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check server.yaml files against the registry's rules",
		Long: `Check server.yaml files against the MCP registry's own validator rules
(name, folder, title, pin, secret, config env, remote transport, oauth) and
ours (lowercase 40-hex pins, canonical https://github.com/OWNER/REPO
projects, known fields, no hidden text). Registry rules are errors; the
registry's documented exceptions are notices; ours are warnings, or errors
with --strict. PATH is a server.yaml, a server folder, a servers/ folder
or a registry checkout; the default is the current directory.

With --changed REF, PATH is a registry checkout (git) and only the servers
added or modified since REF (git diff --diff-filter=AM REF...HEAD under
servers/) are checked, as the registry's CI does for a pull request.
Exit status 1 when any error is found.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Paths = args
			if len(opts.Paths) == 0 {
				opts.Paths = []string{"."}
			}
			if cmd.Flags().Changed("changed") {
				switch {
				case opts.Changed == "":
					return FlagErrorf("--changed needs a REF (a commit-ish such as origin/main)")
				case len(opts.Paths) != 1:
					return FlagErrorf("--changed takes one PATH, the registry checkout (got %d)", len(opts.Paths))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return lintRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "Make mcptrust's own rules errors, not warnings")
	cmd.Flags().StringVar(&opts.Changed, "changed", "", "Check only the servers added or modified since `REF` (a git commit-ish)")
	return cmd
}

// lintView is the JSON contract of `lint --format json`.
type lintView struct {
	Checked  int               `json:"checked"`
	Strict   bool              `json:"strict"`
	Errors   int               `json:"errors"`
	Warnings int               `json:"warnings"`
	Notices  int               `json:"notices"`
	Problems []catalog.Problem `json:"problems"`
}

func lintRun(ctx context.Context, opts *LintOptions) error {
	report, err := lintReport(ctx, opts)
	if err != nil {
		return err
	}
	view := lintView{Checked: report.Checked, Strict: opts.Strict, Errors: report.Errors(),
		Warnings: report.Warnings(), Notices: report.Notices(), Problems: report.Problems}
	if view.Problems == nil {
		view.Problems = []catalog.Problem{}
	}
	switch {
	case opts.Format.IsJSON():
		err = writeJSON(opts.IO.Out, view)
	case opts.Format.IsTemplate():
		err = writeTemplate(opts.IO.Out, opts.Format, view.Problems)
	case opts.Format.IsSARIF():
		err = writeLintSARIF(opts.IO.Out, view.Problems)
	default:
		writeLintTable(opts.IO.Out, view.Problems)
		fmt.Fprintf(opts.IO.ErrOut, "%d checked: %d errors, %d warnings, %d notices\n",
			view.Checked, view.Errors, view.Warnings, view.Notices)
	}
	if err != nil {
		return err
	}
	if view.Errors > 0 {
		return silentTrustError(fmt.Sprintf("lint found %d errors", view.Errors))
	}
	return nil
}

// lintReport lints the paths, or with --changed the servers changed in
// the checkout. The changed files come from the git runner (the
// reviewer's hardened one); a refused REF or a PATH outside a repository is bad input.
func lintReport(ctx context.Context, opts *LintOptions) (*catalog.LintReport, error) {
	lo := catalog.LintOptions{Strict: opts.Strict}
	if opts.Changed == "" {
		return catalog.Lint(ctx, lo, opts.Paths...)
	}
	top, files, err := opts.ChangedFiles(ctx, opts.Paths[0], opts.Changed)
	if err != nil {
		return nil, err
	}
	return catalog.LintServers(ctx, lo, relativeToWorkdir(top), catalog.ChangedServers(files))
}

// relativeToWorkdir names dir relative to the working directory when it
// is inside it, so --changed prints paths like the other modes.
func relativeToWorkdir(dir string) string {
	wd, err := os.Getwd()
	if err != nil {
		return dir
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return dir
	}
	return rel
}

// writeLintTable prints one problem a line: severity, origin, rule, then
// FILE:LINE: FIELD: MESSAGE.
func writeLintTable(w io.Writer, problems []catalog.Problem) {
	for _, p := range problems {
		fmt.Fprintln(w, sanitize.Line(fmt.Sprintf("%-7s %-8s %-16s %s", p.Severity, p.Origin, p.Rule, p.String())))
	}
}

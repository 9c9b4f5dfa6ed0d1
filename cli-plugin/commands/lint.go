package commands

import (
	"context"
	"fmt"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/spf13/cobra"
)

// LintOptions holds the inputs of the lint command.
type LintOptions struct {
	IO     *iostreams.IOStreams
	Paths  []string
	Format Format
}

// NewCmdLint builds `lint`.
func NewCmdLint(f *Factory, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check server.yaml files against the registry's rules",
		Long: `Check server.yaml files against the MCP registry's rules (the pin rule, name,
title, remote and secret rules) and ours (canonical lowercase 40-hex pins,
canonical https://github.com/OWNER/REPO projects, name equal to its folder).
PATH is a server.yaml, a server folder, a servers/ folder or a registry
checkout; the default is the current directory. Every problem is printed as
FILE:LINE: FIELD: MESSAGE. Exit status 1 when any error is found.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Paths = args
			if len(opts.Paths) == 0 {
				opts.Paths = []string{"."}
			}
			if runF != nil {
				return runF(opts)
			}
			return lintRun(cmd.Context(), opts)
		},
	}
}

// lintView is the JSON contract of `lint --format json`.
type lintView struct {
	Errors   int               `json:"errors"`
	Warnings int               `json:"warnings"`
	Problems []catalog.Problem `json:"problems"`
}

func lintRun(ctx context.Context, opts *LintOptions) error {
	report, err := catalog.Lint(ctx, opts.Paths...)
	if err != nil {
		return err
	}
	view := lintView{Errors: report.Errors(), Warnings: report.Warnings(), Problems: report.Problems}
	if view.Problems == nil {
		view.Problems = []catalog.Problem{}
	}
	switch {
	case opts.Format.IsJSON():
		err = writeJSON(opts.IO.Out, view)
	case opts.Format.IsTemplate():
		err = writeTemplate(opts.IO.Out, opts.Format, view.Problems)
	default:
		for _, p := range view.Problems {
			fmt.Fprintln(opts.IO.Out, sanitize.Line(p.String()))
		}
		fmt.Fprintf(opts.IO.ErrOut, "%d errors, %d warnings\n", view.Errors, view.Warnings)
	}
	if err != nil {
		return err
	}
	if view.Errors > 0 {
		return silentTrustError(fmt.Sprintf("lint found %d errors", view.Errors))
	}
	return nil
}

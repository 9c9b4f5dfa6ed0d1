package commands

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/tui/render"
	"github.com/spf13/cobra"
)

// ReportOptions holds the inputs of the report command.
type ReportOptions struct {
	IO          *iostreams.IOStreams
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	Reports     func() reviewer.Store

	Server     string
	Commit     string
	Source     string
	Publishers string
	Format     Format
}

// NewCmdReport builds `report`.
func NewCmdReport(f *Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: f.IO, LoadCatalog: f.LoadCatalog, Reports: f.Reports}
	cmd := &cobra.Command{
		Use:   "report SERVER",
		Short: "Show the security review report and risk labels for a server's pinned commit",
		Long: `Show the review of SERVER at the commit its catalog entry pins (or --commit),
from the local reports store that 'review' writes to. The report is written by
an AI agent: it is shown as untrusted content (rendered Markdown on a
terminal, raw text otherwise) under the tool's own verdict.

Exit status: 0 when the review found info or low risk, 1 for medium or worse,
blocked, failed, needing a human, or no review at all (no review is not "no
risk"), 2 for bad input.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return FlagErrorf("report needs exactly one SERVER, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Server = args[0]
			if runF != nil {
				return runF(opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Commit, "commit", "", "Show the review of this commit instead of the pinned one")
	addCatalogFlags(cmd, &opts.Source, &opts.Publishers)
	return cmd
}

// reportView is the JSON contract of `report --format json`.
type reportView struct {
	Server    string           `json:"server"`
	Commit    string           `json:"commit"`
	Status    string           `json:"status"`
	Verdict   reviewer.Verdict `json:"verdict"`
	Agent     string           `json:"agent"`
	CreatedAt time.Time        `json:"created_at"`
	Labels    string           `json:"labels"`
	Report    string           `json:"report"`
	// Disagreements: how the stored files contradict each other; the
	// verdict above is already the worse reading.
	Disagreements []string `json:"disagreements"`
}

func reportRun(ctx context.Context, opts *ReportOptions) error {
	commit := opts.Commit
	if commit == "" {
		cat, err := loadCatalog(ctx, opts.LoadCatalog, opts.Source, opts.Publishers)
		if err != nil {
			return err
		}
		s, ok := cat.Lookup(opts.Server)
		if !ok {
			return FlagErrorf("no server %q in catalog %s", opts.Server, cat.Source)
		}
		if s.Pin != catalog.PinPinned {
			return &TrustError{Err: fmt.Errorf("server %s has no canonical pin (%s): there is no reviewed commit to show", s.Name, s.Pin)}
		}
		commit = s.Source.Commit
	}
	store := opts.Reports()
	rev, err := store.Latest(opts.Server, commit)
	if errors.Is(err, reviewer.ErrNoReview) {
		return &TrustError{Err: fmt.Errorf("no review of %s at %s in %s: run 'docker mcptrust review %s'", opts.Server, commit, store.Dir, opts.Server)}
	}
	if err != nil {
		return &FlagError{Err: fmt.Errorf("reading the review of %s: %w", opts.Server, err)}
	}
	if err := printReport(opts.IO, opts.Format, rev); err != nil {
		return err
	}
	if !rev.Meta.Verdict.Pass() {
		return silentTrustError("review did not pass: " + rev.Meta.Verdict.Status())
	}
	return nil
}

func printReport(io *iostreams.IOStreams, f Format, rev *reviewer.StoredReview) error {
	m := rev.Meta
	view := reportView{Server: m.Server, Commit: m.Commit, Status: m.Verdict.Status(), Verdict: m.Verdict,
		Agent: m.Agent, CreatedAt: m.CreatedAt, Labels: string(rev.Labels), Report: string(rev.Report),
		Disagreements: append([]string{}, rev.Disagreements...)}
	switch {
	case f.IsJSON():
		return writeJSON(io.Out, view)
	case f.IsTemplate():
		return writeTemplate(io.Out, f, []reportView{view})
	}
	fmt.Fprintf(io.Out, "review of %s at %s (%s, %s)\n", sanitize.Line(m.Server), m.Commit, sanitize.Line(m.Agent), m.CreatedAt.UTC().Format(time.RFC3339))
	fmt.Fprintf(io.Out, "verdict: %s, risk %s (agent %s, pre-scan %s)\n", m.Verdict.Status(), m.Verdict.Risk, m.Verdict.AgentRisk, m.Verdict.PrescanRisk)
	for _, r := range m.Verdict.Reasons {
		fmt.Fprintf(io.Out, "  - %s\n", sanitize.Line(r))
	}
	fmt.Fprintln(io.Out, "──── AI-generated review (untrusted content) ────")
	if io.IsStdoutTTY() {
		res := render.Markdown(string(rev.Report), render.Options{Width: io.TerminalWidth(), NoColor: !io.ColorEnabled()})
		if res.Notice != "" {
			fmt.Fprintf(io.Out, "[%s]\n", res.Notice)
		}
		_, err := fmt.Fprintln(io.Out, res.Text)
		return err
	}
	_, err := fmt.Fprintln(io.Out, render.Raw(string(rev.Report)))
	return err
}

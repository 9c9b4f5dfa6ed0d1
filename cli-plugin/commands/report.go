package commands

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/tui/render"
)

// ReportOptions holds the inputs of the report command.
type ReportOptions struct {
	IO          *iostreams.IOStreams
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	Reports     func() reviewer.Store
	// DockerReviews and Now serve Docker's reviews (report_docker.go).
	DockerReviews func(offline bool, timeout time.Duration) (*dockerreviews.Source, error)
	Now           func() time.Time

	Server     string
	Commit     string
	Source     string
	Publishers string
	Format     Format
	// ReviewSource is --source: auto, local, docker or all.
	ReviewSource string
	Offline      bool
	Timeout      time.Duration
}

// NewCmdReport builds `report`.
func NewCmdReport(f *Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{IO: f.IO, LoadCatalog: f.LoadCatalog, Reports: f.Reports, DockerReviews: f.DockerReviews, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "report SERVER",
		Short: "Show the security review report and risk labels for a server's pinned commit",
		Long: `Show the review of SERVER at the commit its catalog entry pins (or --commit):
the local review that 'review' wrote if there is one, else Docker's own
review, posted as a GitHub check run on the docker/mcp-registry pull request
that set the pin (--source chooses). The report is written by an AI agent: it
is shown as untrusted content (rendered Markdown on a terminal, raw text
otherwise) under the tool's own verdict.

Exit status: 0 when the review found info or low risk, 1 for medium or worse,
blocked, failed, needing a human, a review of an older pin, or no review at
all (no review is not "no risk"), 2 for bad input, 3 when Docker's review
could not be read (network, rate limit, bad answer) and nothing else decided.`,
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
			if err := opts.validateReviewSource(); err != nil {
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
	addReviewSourceFlags(cmd, opts)
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
	// Added with Docker's reviews (README "report"): which review the
	// fields above are, whether it covers the current pin, and Docker's
	// result when it was asked.
	Source    string                `json:"source"`
	CoversPin bool                  `json:"covers_pin"`
	Stale     bool                  `json:"stale"`
	Warnings  []string              `json:"warnings"`
	Docker    *dockerreviews.Result `json:"docker,omitempty"`
	// Disagreements: how the stored files contradict each other; the
	// verdict above is already the worse reading.
	Disagreements []string `json:"disagreements"`
}

func reportRun(ctx context.Context, opts *ReportOptions) error {
	commit, kind := opts.Commit, catalog.Kind("")
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
		commit, kind = s.Source.Commit, cat.Kind
	}
	return reportReviews(ctx, opts, kind, commit)
}

// localReview reads the local review of commit; nil when there is none.
func localReview(opts *ReportOptions, commit string) (*reviewer.StoredReview, error) {
	store := opts.Reports()
	rev, err := store.Latest(opts.Server, commit)
	if errors.Is(err, reviewer.ErrNoReview) {
		return nil, nil
	}
	if err != nil {
		return nil, &FlagError{Err: fmt.Errorf("reading the review of %s: %w", opts.Server, err)}
	}
	return rev, nil
}

func printReport(io *iostreams.IOStreams, f Format, rev *reviewer.StoredReview) error {
	m := rev.Meta
	view := localView(rev)
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
	fmt.Fprintln(io.Out, "──── "+trusttext.UntrustedReportTitle+" ────")
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

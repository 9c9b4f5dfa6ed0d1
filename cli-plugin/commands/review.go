package commands

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// ReviewOptions holds the inputs of the review command.
type ReviewOptions struct {
	IO          *iostreams.IOStreams
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	Reports     func() reviewer.Store
	Getenv      func(string) string
	Now         func() time.Time
	// Run runs the review (Factory.Reviewer).
	Run ReviewFunc

	Target         string
	Head, Base     string
	Agent          reviewer.Agent
	Output         string
	Timeout        time.Duration
	AgentImage     string
	AllowOldEngine bool
	Source         string
	Publishers     string
	Format         Format
}

// NewCmdReview builds `review`.
func NewCmdReview(f *Factory, runF func(*ReviewOptions) error) *cobra.Command {
	opts := &ReviewOptions{IO: f.IO, LoadCatalog: f.LoadCatalog, Reports: f.Reports, Getenv: f.Getenv,
		Now: f.Now, Run: f.Reviewer()}
	var agent string
	cmd := &cobra.Command{
		Use:   "review SERVER|PATH|GIT-URL",
		Short: "Run the isolated AI security review of a server's source at a commit",
		Long:  reviewLong,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return FlagErrorf("review needs exactly one SERVER, PATH or GIT-URL, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Target = args[0]
			if err := opts.validate(agent); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return reviewRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Head, "head", "", "Commit to review, 40-hex (default: the catalog's pin for a SERVER)")
	fl.StringVar(&opts.Base, "base", "", "Review only what changed since this commit (differential mode)")
	fl.StringVar(&agent, "agent", string(reviewer.AgentClaude), "Reviewer: claude, codex, or prescan (the deterministic pre-scan alone, no engine)")
	fl.StringVar(&opts.Output, "output", "", "Directory for report.md and labels.txt (default for a PATH or GIT-URL: ./mcptrust-review-<head>)")
	fl.DurationVar(&opts.Timeout, "timeout", reviewer.DefaultTimeout, "Wall-clock limit of the agent; past it the review fails")
	fl.StringVar(&opts.AgentImage, "agent-image", reviewer.DefaultAgentImage, "Agent image, built from reviewer/agents/Dockerfile (never pulled)")
	fl.BoolVar(&opts.AllowOldEngine, "allow-old-engine", false, "Run the agent even on a Docker Engine without the CVE-2024-29018 fix (DNS can leave the sandbox)")
	addCatalogFlags(cmd, &opts.Source, &opts.Publishers)
	return cmd
}

const reviewLong = `Review the source of an MCP server at one commit: a clean checkout of the
commit (which must be reachable from a branch or tag of the repository), a
deterministic pre-scan, and an AI agent (Claude Code or Codex) in a Compose
project where it runs as a non-root user with no capabilities, a read-only
root file system, the source read-only, one writable output directory and
no network but an internal one to a proxy that holds the API key. Only
report.md and labels.txt are taken from it. The verdict is the worse of the
agent and the pre-scan; a crash, a timeout or missing outputs fail the
review.

SERVER takes the repository and pinned commit from the catalog and stores
the review where 'report SERVER' finds it. PATH (a local git repository)
and GIT-URL (https only) need --head. An argument with a "/" in it (./dir,
https://...) is a PATH or GIT-URL; any other is a SERVER name, whatever its
case or characters (SQLite).

The agent image is built once by you:
  docker build -t mcptrust-agent:local reviewer/agents
The API key is read from ANTHROPIC_API_KEY (claude) or OPENAI_API_KEY
(codex) and reaches only the proxy container, as a Compose secret.

Docker Engine older than 26.0.0 (25.0.4, 23.0.11) lets DNS out of internal
networks (CVE-2024-29018): the review refuses to run an agent there unless
--allow-old-engine, and then says so in the report.

Exit status: 0 for info or low risk; 1 for medium or worse, blocked,
needs human review, or a failed review; 2 for bad input; 3 when the review
could not run (git, Docker engine, Compose, images).`

var (
	commitArgRE = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

func (o *ReviewOptions) validate(agent string) error {
	a, err := reviewer.ParseAgent(agent)
	if err != nil {
		return FlagErrorf("invalid --agent %q: want claude, codex or prescan", agent)
	}
	o.Agent = a
	for name, v := range map[string]string{"--head": o.Head, "--base": o.Base} {
		if v != "" && !commitArgRE.MatchString(v) {
			return FlagErrorf("invalid %s %q: want a full 40-hex lowercase commit", name, v)
		}
	}
	switch {
	case o.Timeout <= 0:
		return FlagErrorf("invalid --timeout %v: must be positive", o.Timeout)
	case o.Head != "" && o.Head == o.Base:
		return FlagErrorf("--base and --head are the same commit")
	}
	return nil
}

func reviewRun(ctx context.Context, opts *ReviewOptions) error {
	req, err := opts.request(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "reviewing %s at %s with %s...\n",
		sanitize.Line(req.Source.Repo), req.Source.Head, req.Agent)
	res, err := opts.Run(ctx, req, reviewer.WithClock(opts.Now))
	if err != nil {
		return err // ExitCode knows the reviewer's errors
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(opts.IO.ErrOut, sanitize.Line(w))
	}
	if err := printReviewFor(opts, res); err != nil {
		return err
	}
	if !res.Verdict.Pass() {
		return silentTrustError("review did not pass: " + res.Verdict.Status())
	}
	return nil
}

// isServerArg reports whether a review target names a catalog server: any
// argument that cannot be a path elsewhere or a URL (no "/" or "\\", not "."
// or ".."). The catalog decides whether the name exists; "SQLite" and
// "osp_marketing_tools" are real registry names.
func isServerArg(t string) bool {
	return t != "" && t != "." && t != ".." && !strings.ContainsAny(t, `/\`)
}

// request turns the arguments into a reviewer.Request: a catalog server
// (its repository and pin, stored under its name) or a PATH or GIT-URL
// (which needs --head and is written to a directory, not stored).
func (o *ReviewOptions) request(ctx context.Context) (reviewer.Request, error) {
	req := reviewer.Request{Agent: o.Agent, AgentImage: o.AgentImage, Timeout: o.Timeout,
		AllowOldEngine: o.AllowOldEngine, OutputDir: o.Output,
		Source: reviewer.SourceRequest{Head: o.Head, Base: o.Base}}
	if o.Agent != reviewer.AgentPrescan {
		if req.APIKey = o.Getenv(o.Agent.KeyEnv()); req.APIKey == "" {
			return req, FlagErrorf("the %s agent needs %s in the environment (it is given only to the proxy container); "+
				"--agent prescan runs without one", o.Agent, o.Agent.KeyEnv())
		}
	}
	if isServerArg(o.Target) {
		return req, o.fromCatalog(ctx, &req)
	}
	if o.Head == "" {
		return req, FlagErrorf("reviewing a PATH or GIT-URL needs --head COMMIT")
	}
	req.Source.Repo = o.Target
	if req.OutputDir == "" {
		req.OutputDir = "mcptrust-review-" + o.Head[:12]
	}
	return req, nil
}

func (o *ReviewOptions) fromCatalog(ctx context.Context, req *reviewer.Request) error {
	cat, err := loadCatalog(ctx, o.LoadCatalog, o.Source, o.Publishers)
	if err != nil {
		return err
	}
	s, ok := cat.Lookup(o.Target)
	switch {
	case !ok:
		return FlagErrorf("no server %q in catalog %s (for a local directory of that name, write ./%s)", o.Target, cat.Source, o.Target)
	case s.Type != catalog.TypeServer || s.Source.Project == "":
		return FlagErrorf("server %q (type %s) names no source repository to review", o.Target, s.Type)
	case req.Source.Head == "" && s.Pin != catalog.PinPinned:
		return FlagErrorf("server %q has no canonical pin (%s); give --head COMMIT", o.Target, s.Pin)
	}
	if req.Source.Head == "" {
		req.Source.Head = s.Source.Commit
	}
	req.Source.Repo = s.Source.Project
	req.Server, req.Directory, req.AllowHosts = s.Name, s.Source.Directory, s.Run.AllowHosts
	store := o.Reports()
	req.Store = &store
	return nil
}

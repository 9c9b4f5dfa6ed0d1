package commands

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// PinOptions holds the inputs of `pin check` and `pin update`.
type PinOptions struct {
	IO      *iostreams.IOStreams
	Reports func() reviewer.Store
	Getenv  func(string) string
	Now     func() time.Time
	// LsRemote asks a repository for a branch tip (Factory.Git).
	LsRemote func(ctx context.Context, repo, branch string, opts ...reviewer.FetchOption) (string, error)
	// Run runs the differential review of a pin bump (Factory.Reviewer).
	Run ReviewFunc
	// RepoFor maps a checked project URL to what git is given; nil means
	// the URL itself. Tests map it to a local repository.
	RepoFor func(project string) string

	Update      bool
	Servers     []string
	All         bool
	Registry    string
	Concurrency int
	WithReview  bool
	Agent       reviewer.Agent
	Timeout     time.Duration
	Format      Format
}

// lsRemoteTimeout bounds one question to one upstream.
const lsRemoteTimeout = time.Minute

// NewCmdPin builds `pin` and its subcommands `check` and `update`.
func NewCmdPin(f *Factory, runF func(*PinOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pin",
		Short: "Compare pins with their upstream branch tips, and bump them",
		Long:  pinLong,
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newCmdPinMode(f, runF, false), newCmdPinMode(f, runF, true))
	return cmd
}

const pinLong = `Compare each server's pinned commit (source.commit) with the tip of its
upstream branch (source.branch, default the repository's default branch),
asked with git ls-remote over https, in a registry checkout (--registry,
default the current directory). 'pin update' rewrites only the commit: line
of each server that is behind, keeping every other byte of its server.yaml;
with --review it first runs the differential review of old..new and leaves
a server whose review does not pass as it is.

Exit status: 0 when every server is current (check) or was updated
(update); 1 when any is behind (check) or its review did not pass
(update); 2 for bad input (a malformed pin, a project that is not
https://github.com/OWNER/REPO, an unknown server), which wins over 1;
3 when an upstream could not be asked (network, git), when nothing else
failed.`

func newCmdPinMode(f *Factory, runF func(*PinOptions) error, update bool) *cobra.Command {
	opts := &PinOptions{IO: f.IO, Reports: f.Reports, Getenv: f.Getenv, Now: f.Now,
		LsRemote: f.Git().LsRemote, Run: f.Reviewer(), Update: update}
	var agent string
	cmd := &cobra.Command{
		Use:   "check SERVER... | --all",
		Short: "Report whether each pin is the tip of its upstream branch",
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Servers = args
			if err := opts.validate(agent, cmd.Flags().Changed("agent")); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return pinRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Registry, "registry", ".", "Registry checkout (with servers/<name>/server.yaml)")
	fl.BoolVar(&opts.All, "all", false, "Every server of type server in the registry")
	fl.IntVar(&opts.Concurrency, "concurrency", 8, "How many upstreams to ask at once (1-64)")
	if update {
		cmd.Use, cmd.Short = "update SERVER... | --all", "Rewrite the pin of each server that is behind to its upstream tip"
		fl.BoolVar(&opts.WithReview, "review", false, "Review old..new first and update only when the review passes")
		fl.StringVar(&agent, "agent", string(reviewer.AgentPrescan), "Reviewer for --review: prescan, claude or codex")
		fl.DurationVar(&opts.Timeout, "timeout", reviewer.DefaultTimeout, "Wall-clock limit of the review agent")
	}
	return cmd
}

func (o *PinOptions) validate(agent string, agentSet bool) error {
	switch {
	case o.All && len(o.Servers) > 0:
		return FlagErrorf("give servers or --all, not both")
	case !o.All && len(o.Servers) == 0:
		return FlagErrorf("pin needs a SERVER or --all")
	case o.Concurrency < 1 || o.Concurrency > 64:
		return FlagErrorf("invalid --concurrency %d: want 1 to 64", o.Concurrency)
	case !o.Update:
		return nil
	case agentSet && !o.WithReview:
		return FlagErrorf("--agent needs --review")
	case o.Timeout <= 0:
		return FlagErrorf("invalid --timeout %v: must be positive", o.Timeout)
	}
	a, err := reviewer.ParseAgent(agent)
	if err != nil {
		return FlagErrorf("invalid --agent %q: want prescan, claude or codex", agent)
	}
	o.Agent = a
	return nil
}

// pinResult is one server in the JSON contract of `pin --format json`.
// State is current, behind, updated (update only) or error (see Reason).
type pinResult struct {
	Server   string `json:"server"`
	Project  string `json:"project"`
	Branch   string `json:"branch"` // source.branch; "" is the remote's default branch
	Pinned   string `json:"pinned"`
	Upstream string `json:"upstream"`
	State    string `json:"state"`
	Reason   string `json:"reason"`

	err error           // why State is error; ExitCode classifies it
	s   *catalog.Server // where the pin was read
}

// pinView is the JSON contract of `pin check|update --format json`.
type pinView struct {
	Results []*pinResult `json:"results"`
}

// The pin states.
const (
	pinCurrent = "current"
	pinBehind  = "behind"
	pinUpdated = "updated"
	pinError   = "error"
)

func (r *pinResult) fail(err error) {
	r.State, r.Reason, r.err = pinError, err.Error(), err
}

func pinRun(ctx context.Context, opts *PinOptions) error {
	if opts.WithReview && opts.Agent != reviewer.AgentPrescan && opts.Getenv(opts.Agent.KeyEnv()) == "" {
		return FlagErrorf("the %s agent needs %s in the environment; --agent prescan runs without one", opts.Agent, opts.Agent.KeyEnv())
	}
	servers, err := pinServers(ctx, opts)
	if err != nil {
		return err
	}
	results := checkPins(ctx, opts, servers)
	if opts.Update {
		for _, r := range results {
			if r.State == pinBehind && ctx.Err() == nil {
				updatePin(ctx, opts, r)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := printPins(opts.IO, opts.Format, results); err != nil {
		return err
	}
	return pinExit(opts.Registry, results)
}

// pinServers loads the registry checkout and picks the servers to check.
func pinServers(ctx context.Context, opts *PinOptions) ([]*catalog.Server, error) {
	dir, err := filepath.Abs(opts.Registry) // never "demo" or a URL to Load
	if err != nil {
		return nil, FlagErrorf("invalid --registry %q: %w", opts.Registry, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, FlagErrorf("invalid --registry %q: want a registry checkout directory", opts.Registry)
	}
	cat, err := catalog.Load(ctx, dir)
	if err != nil {
		return nil, err
	}
	for _, p := range cat.Problems {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", cell(p.String(), 300))
	}
	var out []*catalog.Server
	seen := map[string]bool{}
	for _, s := range cat.Servers {
		if opts.All && s.Type == catalog.TypeServer {
			out = append(out, s)
		}
	}
	for _, name := range opts.Servers {
		s, ok := cat.Lookup(name)
		switch {
		case !ok:
			return nil, FlagErrorf("no server %q in registry %s", name, opts.Registry)
		case s.Type != catalog.TypeServer:
			return nil, FlagErrorf("server %q is of type %s: only type server entries are pinned", name, s.Type)
		case !seen[name]:
			seen[name] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// checkPins asks every upstream, at most opts.Concurrency at once, and
// returns the results in server order.
func checkPins(ctx context.Context, opts *PinOptions, servers []*catalog.Server) []*pinResult {
	results := make([]*pinResult, len(servers))
	pool.Run(opts.Concurrency, len(servers), func(i int) {
		results[i] = checkPin(ctx, opts, servers[i])
	})
	return results
}

// checkPin compares one pin with its upstream tip. The project URL is
// checked before git sees it; the upstream is asked even for a malformed
// pin, so the report says what the pin could be.
func checkPin(ctx context.Context, opts *PinOptions, s *catalog.Server) *pinResult {
	r := &pinResult{Server: s.Name, Project: s.Source.Project, Branch: s.Source.Branch, Pinned: s.Source.Commit, s: s}
	if err := catalog.CheckProjectURL(s.Source.Project); err != nil {
		r.fail(&FlagError{Err: err})
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, lsRemoteTimeout)
	defer cancel()
	tip, err := opts.LsRemote(ctx, opts.repo(s.Source.Project), s.Source.Branch)
	if err != nil {
		r.fail(err)
		return r
	}
	r.Upstream = tip
	switch err := catalog.CheckPin(s.Source.Commit); {
	case err != nil:
		r.fail(&FlagError{Err: err})
	case tip == s.Source.Commit:
		r.State = pinCurrent
	default:
		r.State, r.Reason = pinBehind, "the upstream tip is another commit"
	}
	return r
}

func (o *PinOptions) repo(project string) string {
	if o.RepoFor == nil {
		return project
	}
	return o.RepoFor(project)
}

// updatePin rewrites one behind pin, after its review when asked for.
func updatePin(ctx context.Context, opts *PinOptions, r *pinResult) {
	if opts.WithReview && !reviewBump(ctx, opts, r) {
		return
	}
	if err := catalog.UpdatePinFile(r.s.Origin.File, r.Pinned, r.Upstream); err != nil {
		r.fail(err)
		return
	}
	r.State, r.Reason = pinUpdated, "source.commit rewritten in "+r.s.Origin.File
}

// reviewBump runs the differential review of the bump and reports whether
// it passed; when it did not, r says why.
func reviewBump(ctx context.Context, opts *PinOptions, r *pinResult) bool {
	store := opts.Reports()
	req := reviewer.Request{Agent: opts.Agent, Timeout: opts.Timeout, Server: r.Server, Directory: r.s.Source.Directory,
		AllowHosts: r.s.Run.AllowHosts, Store: &store,
		Source: reviewer.SourceRequest{Repo: opts.repo(r.Project), Head: r.Upstream, Base: r.Pinned}}
	if opts.Agent != reviewer.AgentPrescan {
		req.APIKey = opts.Getenv(opts.Agent.KeyEnv())
	}
	span := r.Pinned[:12] + ".." + r.Upstream[:12]
	fmt.Fprintf(opts.IO.ErrOut, "reviewing %s %s with %s...\n", cell(r.Server, 60), span, opts.Agent)
	res, err := opts.Run(ctx, req, reviewer.WithClock(opts.Now))
	if err != nil {
		r.fail(fmt.Errorf("reviewing %s: %w", span, err))
		return false
	}
	if !res.Verdict.Pass() {
		r.fail(&TrustError{Err: fmt.Errorf("review of %s did not pass: %s%s; pin left as it was",
			span, trusttext.ReviewHeadline(res.Verdict), findingList(res.Prescan))})
		return false
	}
	return true
}

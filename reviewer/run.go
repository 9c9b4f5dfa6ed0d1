package reviewer

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
)

// DefaultTimeout is the agent's default wall-clock budget.
const DefaultTimeout = 30 * time.Minute

// Request is one review.
type Request struct {
	// Source names the repository and commits.
	Source SourceRequest
	// Server is the catalog server name, the key of the reports store;
	// empty for a path or URL review, which is not stored.
	Server string
	// Directory is the server's directory in the repository (prompt only).
	Directory string
	// AllowHosts is the server's run.allowHosts, for the pre-scan.
	AllowHosts []string
	// Agent reviews; AgentPrescan runs only the pre-scan and never touches
	// the engine.
	Agent Agent
	// AgentImage is the agent's image (default DefaultAgentImage). It must
	// exist locally: nothing is ever pulled.
	AgentImage string
	// APIKey is the real provider key for claude or codex. It goes only to
	// the proxy, as a Compose secret file.
	APIKey string
	// OutputDir receives the final report.md and labels.txt; empty for
	// none.
	OutputDir string
	// Store, when set and Server is not empty, keeps the review.
	Store *Store
	// Timeout is the agent's wall clock (default DefaultTimeout).
	Timeout time.Duration
	// AllowOldEngine runs an agent even on an engine without the
	// CVE-2024-29018 fix (the review then carries a warning).
	AllowOldEngine bool
}

// Result is a finished review: the verdict (which may say the review
// failed) and where it was written.
type Result struct {
	Repo      string              `json:"repo"`
	Head      string              `json:"head"`
	Base      string              `json:"base,omitempty"`
	Agent     Agent               `json:"agent"`
	Verdict   Verdict             `json:"verdict"`
	Prescan   *prescan.ScanResult `json:"prescan"`
	Engine    *engine.Info        `json:"engine,omitempty"`
	AgentExit *AgentStatus        `json:"agent_exit,omitempty"`
	// Warnings are also in Verdict.Reasons, so the report carries them.
	Warnings   []string `json:"warnings"`
	ReportPath string   `json:"report_path,omitempty"`
	LabelsPath string   `json:"labels_path,omitempty"`
	StorePath  string   `json:"store_path,omitempty"`
}

// AgentStatus is how the agent's container ended.
type AgentStatus struct {
	ExitCode int  `json:"exit_code"`
	TimedOut bool `json:"timed_out"`
	Refused  bool `json:"refused"`
}

// Run reviews req.Source: it checks the engine (unless the pre-scan runs
// alone), makes a clean checkout, pre-scans it, runs the agent in the
// isolated Compose project, takes its two outputs, decides the verdict and
// writes the final report.
//
// A review that failed (timeout, crash, refusal, bad or missing outputs)
// is a Result whose Verdict.Failed is set, not an error. Errors are the
// ones of Fetch (*SourceError for bad input, *CommitError and
// *ImpostorCommitError when a commit is not genuine, *GitError), an
// *engine.Error or *OldEngineError when the engine cannot run the review
// safely, errors writing the results, and ctx.Err() on cancellation: any
// error after ctx was cancelled is also context.Canceled, whichever step
// noticed first. Nothing is left behind: the checkout, the run's directory
// and the Compose project are removed on every path.
func Run(ctx context.Context, req Request, opts ...RunOption) (res *Result, err error) {
	defer func() {
		if err != nil {
			err = withCtxErr(ctx, err)
		}
	}()
	return run(ctx, req, opts)
}

func run(ctx context.Context, req Request, opts []RunOption) (*Result, error) {
	cfg := newRunConfig(opts)
	if err := req.normalise(); err != nil {
		return nil, err
	}
	res := &Result{Repo: req.Source.Repo, Head: req.Source.Head, Base: req.Source.Base, Agent: req.Agent, Warnings: []string{}}
	var eng *engine.Engine
	if req.Agent != AgentPrescan {
		var err error
		if eng, err = cfg.prepareEngine(ctx, req, res); err != nil {
			return nil, err
		}
	}
	c, err := Fetch(ctx, req.Source, cfg.fetchOpts...)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	res.Repo = c.Repo
	scanner, err := prescan.NewScanner()
	if err != nil {
		return nil, err
	}
	res.Prescan, err = c.Prescan(ctx, scanner, prescan.ScanOptions{AllowHosts: req.AllowHosts})
	if err != nil {
		return nil, err
	}
	review := Review{Head: c.Head, Base: c.Base, Prescan: res.Prescan}
	if eng != nil {
		if review.Agent, err = cfg.runAgent(ctx, eng, req, c, res); err != nil {
			return nil, err
		}
		res.AgentExit = &AgentStatus{review.Agent.ExitCode, review.Agent.TimedOut, review.Agent.Refused}
	}
	res.Verdict = Decide(review)
	res.Verdict.Reasons = append(res.Verdict.Reasons, res.Warnings...)
	return res, cfg.writeResults(req, res, review.Agent)
}

// normalise fills defaults and rejects requests that cannot run.
func (req *Request) normalise() error {
	bad := func(field, value, msg string) error {
		return &SourceError{Field: field, Value: value, Err: errors.New(msg)}
	}
	if _, err := ParseAgent(string(req.Agent)); err != nil {
		return bad("agent", string(req.Agent), "want claude, codex or prescan")
	}
	if req.AgentImage == "" {
		req.AgentImage = DefaultAgentImage
	}
	if req.Timeout == 0 {
		req.Timeout = DefaultTimeout
	}
	switch {
	case req.Timeout < 0:
		return bad("timeout", req.Timeout.String(), "must be positive")
	case strings.HasPrefix(req.AgentImage, "-") || strings.ContainsFunc(req.AgentImage, isSpaceOrControl):
		return bad("agent image", req.AgentImage, "not an image reference")
	case req.Agent != AgentPrescan && req.APIKey == "":
		return bad("api key", "", "the "+string(req.Agent)+" agent needs "+req.Agent.KeyEnv())
	case req.Agent != AgentPrescan && strings.ContainsFunc(req.APIKey, isSpaceOrControl):
		return bad("api key", "(not shown)", "contains spaces or control characters")
	}
	return nil
}

func isSpaceOrControl(r rune) bool { return r <= ' ' || r == 0x7f }

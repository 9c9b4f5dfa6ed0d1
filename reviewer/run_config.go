package reviewer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

// RunOption configures Run.
type RunOption func(*runConfig)

type runConfig struct {
	engineOpts    []engine.Option
	proxy         *engine.ProxyBinary
	testUpstream  string
	egressNetwork string
	tempDir       string
	limits        engine.Limits
	fetchOpts     []FetchOption
	now           func() time.Time
	// observe, when set, is called with the run's state after the
	// containers started ("started") and after the agent exited
	// ("exited"), before anything is removed. Tests use it.
	observe func(stage string, o *agentRun)
	// proxyImage and proxyEntry are set by prepareEngine.
	proxyImage string
	proxyEntry []string
}

func newRunConfig(opts []RunOption) *runConfig {
	c := &runConfig{limits: engine.DefaultLimits, now: time.Now}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithEngineOptions configures the engine Run finds (docker binary,
// Compose command).
func WithEngineOptions(opts ...engine.Option) RunOption {
	return func(c *runConfig) { c.engineOpts = append(c.engineOpts, opts...) }
}

// WithProxyBinary runs the proxy from bin instead of the running mcptrust
// executable (DefaultProxyBinary).
func WithProxyBinary(bin engine.ProxyBinary) RunOption { return func(c *runConfig) { c.proxy = &bin } }

// withTestUpstream points the proxy at url instead of the provider's fixed
// https upstream. Tests only, and unexported so that no caller of the
// package can point the key-holding proxy elsewhere: it is how the engine
// tests reach a fake provider without sending anything off the machine.
func withTestUpstream(url string) RunOption { return func(c *runConfig) { c.testUpstream = url } }

// WithEgressNetwork attaches the proxy to an existing network instead of a
// network the project creates (e.g. one whose egress is filtered).
func WithEgressNetwork(name string) RunOption { return func(c *runConfig) { c.egressNetwork = name } }

// WithRunTempDir creates the run's private directory (compose file,
// secrets, output directory) under dir instead of os.TempDir().
func WithRunTempDir(dir string) RunOption { return func(c *runConfig) { c.tempDir = dir } }

// WithLimits replaces DefaultLimits.
func WithLimits(l engine.Limits) RunOption { return func(c *runConfig) { c.limits = l } }

// WithFetchOptions passes options to Fetch.
func WithFetchOptions(opts ...FetchOption) RunOption {
	return func(c *runConfig) { c.fetchOpts = append(c.fetchOpts, opts...) }
}

// WithClock sets the clock of stored reviews' timestamps.
func WithClock(now func() time.Time) RunOption { return func(c *runConfig) { c.now = now } }

// prepareEngine finds the engine, applies the engine policy, and makes
// sure both images are there before anything else runs.
func (c *runConfig) prepareEngine(ctx context.Context, req Request, res *Result) (*engine.Engine, error) {
	eng, err := engine.New(ctx, c.engineOpts...)
	if err != nil {
		return nil, err
	}
	info := eng.Info()
	res.Engine = &info
	if info.Rootless {
		return nil, &engine.Error{Op: "checking the Docker engine",
			Err: errors.New("rootless engines are not supported: the containers' users could not use the run's files")}
	}
	if !info.DNSLeakFixed {
		if !req.AllowOldEngine {
			return nil, &engine.OldEngineError{Version: info.ServerVersion}
		}
		res.Warnings = append(res.Warnings, engine.OldEngineWarning(info.ServerVersion))
	}
	if ok, err := eng.ImageExists(ctx, req.AgentImage); err != nil {
		return nil, err
	} else if !ok {
		return nil, &engine.Error{Op: "finding the agent image " + req.AgentImage,
			Err: errors.New("no such image: build it with `docker build -t " + DefaultAgentImage + " reviewer/agents` or pass --agent-image")}
	}
	bin := c.proxy
	if bin == nil {
		def, err := engine.DefaultProxyBinary()
		if err != nil {
			return nil, err
		}
		bin = &def
	}
	c.proxyImage, c.proxyEntry, err = eng.EnsureProxyImage(ctx, *bin, c.tempDir)
	return eng, err
}

// writeResults writes the final report to OutputDir and the store.
func (c *runConfig) writeResults(req Request, res *Result, agent *AgentRun) error {
	in := ReportInput{Repo: res.Repo, Head: res.Head, Base: res.Base, Agent: string(req.Agent),
		Verdict: res.Verdict, Prescan: res.Prescan}
	if agent != nil && agent.Outputs != nil {
		in.AgentReport = agent.Outputs.Report
	}
	labels, ok := res.Verdict.Labels()
	if req.OutputDir != "" {
		if err := WriteFinal(req.OutputDir, in); err != nil {
			return err
		}
		res.ReportPath = filepath.Join(req.OutputDir, ReportFile)
		if ok {
			res.LabelsPath = filepath.Join(req.OutputDir, LabelsFile)
		}
	}
	if req.Store == nil || req.Server == "" {
		return nil
	}
	sr := StoredReview{Report: FinalReport(in), Meta: Meta{Base: res.Base, Repo: res.Repo,
		Agent: string(req.Agent), Verdict: res.Verdict, CreatedAt: c.now().UTC()}}
	if ok {
		sr.Labels = labels.Marshal()
	}
	if err := req.Store.Save(req.Server, res.Head, sr); err != nil {
		return err
	}
	res.StorePath = req.Store.Path(req.Server, res.Head)
	return nil
}

// privateDir makes the run's 0700 directory.
func (c *runConfig) privateDir() (string, error) {
	return os.MkdirTemp(c.tempDir, "mcptrust-run-")
}

// proxyArgs are the proxy's extra flags: only withTestUpstream's.
func (c *runConfig) proxyArgs() []string {
	if c.testUpstream == "" {
		return nil
	}
	return []string{"--test-upstream", c.testUpstream}
}

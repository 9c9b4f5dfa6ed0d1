package reviewer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

// cleanupTimeout bounds removing a project after the run, even when the
// caller's context is already cancelled.
const cleanupTimeout = 2 * time.Minute

// agentRun is one run of the agent's Compose project.
type agentRun struct {
	eng       *engine.Engine
	project   string
	dir       string // private 0700 directory of the run
	file      string // the compose file in dir
	outDir    string // the agent's only writable host path
	sourceDir string
	nonce     string
	agentID   string
	removed   bool
}

// runAgent runs the agent in its Compose project, removes the project,
// and only then takes the agent's outputs.
func (c *runConfig) runAgent(ctx context.Context, eng *engine.Engine, req Request, co *Checkout, res *Result) (*AgentRun, error) {
	ar, err := c.prepareRun(eng, req, co, res)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(ar.dir)
	defer ar.remove(ctx)
	run, err := ar.execute(ctx, req.Timeout, c.observe)
	if err != nil {
		return nil, err
	}
	if err := ar.remove(ctx); err != nil {
		return nil, err
	}
	ar.collect(run)
	return run, nil
}

// execute starts the project and waits for the agent, at most timeout.
func (ar *agentRun) execute(ctx context.Context, timeout time.Duration, observe func(string, *agentRun)) (*AgentRun, error) {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	run := &AgentRun{}
	timedOut := func(err error) (*AgentRun, error) {
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case tctx.Err() != nil:
			run.TimedOut = true
			return run, nil
		}
		return nil, err
	}
	if err := ar.eng.ComposeUp(tctx, ar.project, ar.file); err != nil {
		return timedOut(err)
	}
	ids, err := ar.eng.ProjectContainers(ctx, ar.project, engine.ServiceAgent)
	if err != nil || len(ids) != 1 {
		return nil, &engine.Error{Op: "finding the agent container", Err: cmpErr(err, fmt.Errorf("found %d", len(ids)))}
	}
	ar.agentID = ids[0]
	notify(observe, "started", ar)
	if run.ExitCode, err = ar.eng.Wait(tctx, ar.agentID); err != nil {
		return timedOut(err)
	}
	stdout, err := ar.eng.Logs(ctx, ar.agentID, maxAgentStdout)
	if err != nil {
		return nil, err
	}
	run.Refused, run.Err = judgeStdout(stdout)
	notify(observe, "exited", ar)
	return run, nil
}

func notify(observe func(string, *agentRun), stage string, ar *agentRun) {
	if observe != nil {
		observe(stage, ar)
	}
}

// collect takes the two outputs from the stopped agent's directory and
// checks the report carries the run's nonce, the proof that the agent
// could read the files it was given (a CLI whose tools silently failed
// cannot quote it).
func (ar *agentRun) collect(run *AgentRun) {
	run.Outputs, run.ExtractErr = Extract(ar.outDir)
	if run.Outputs != nil && !bytes.Contains(run.Outputs.Report, []byte(ar.nonce)) {
		run.Err = errors.Join(run.Err, errors.New("report.md lacks the review nonce: the agent did not show it read its files"))
	}
}

// remove takes the project down (containers, networks, volumes), then
// makes sure nothing of it is left, removing leftovers itself. It runs
// once; the deferred call after a successful one does nothing.
func (ar *agentRun) remove(ctx context.Context) error {
	if ar.removed {
		return nil
	}
	ar.removed = true
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	downErr := ar.eng.ComposeDown(dctx, ar.project, ar.file)
	ids, err := ar.eng.ProjectContainers(dctx, ar.project, "")
	if err == nil && len(ids) > 0 {
		_ = ar.eng.RemoveContainers(dctx, ids)
		ids, err = ar.eng.ProjectContainers(dctx, ar.project, "")
	}
	if err == nil && len(ids) > 0 {
		err = fmt.Errorf("%d containers remain", len(ids))
	}
	if err != nil {
		return &engine.Error{Op: "removing the review containers", Err: errors.Join(downErr, err)}
	}
	nets, err := ar.eng.ProjectNetworks(dctx, ar.project)
	if err == nil && len(nets) > 0 {
		err = ar.eng.RemoveNetworks(dctx, nets)
	}
	return err
}

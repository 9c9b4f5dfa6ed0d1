//go:build !noengine

package reviewer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// TestEngineGoodReview: a well-behaved agent's review passes, and both
// containers ran hardened as generated (THREATS E15, read back from the
// engine, not just from our YAML).
func TestEngineGoodReview(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	res, obs, _ := w.review(t, "good", source(t, benignServer), nil)
	v := res.Verdict
	if v.Failed || v.AgentRisk != risk.Low || !v.Pass() {
		t.Fatalf("verdict = %+v, want a passing low-risk review", v)
	}
	if got := readFileT(t, res.LabelsPath); got != "security-risk:low\n" {
		t.Errorf("labels.txt = %q, want security-risk:low", got)
	}
	wantLines(t, finalReport(t, res), []string{"uid=65532 gid=65532", "cwd=/work", "home=/home/reviewer",
		"argv=claude --bare -p Read /review/prompt.md"}, nil)
	if len(obs.containers) != 2 {
		t.Fatalf("inspected %d containers, want agent and proxy", len(obs.containers))
	}
	for name, c := range obs.containers {
		checkHardened(t, name, c)
	}
	checkAgentMounts(t, obs.containers[engine.ServiceAgent])
	checkNetworks(t, w, obs)
}

func checkHardened(t *testing.T, name string, c containerInfo) {
	t.Helper()
	h := c.HostConfig
	mem := map[string]int64{engine.ServiceAgent: 256 << 20, engine.ServiceProxy: 128 << 20}[name]
	pids := map[string]int64{engine.ServiceAgent: 64, engine.ServiceProxy: 32}[name]
	if c.Config.User != "65532:65532" || !h.ReadonlyRootfs || h.Privileged || !slices.Equal(h.CapDrop, []string{"ALL"}) ||
		len(h.CapAdd) != 0 || !slices.Contains(h.SecurityOpt, "no-new-privileges:true") || h.Memory != mem ||
		h.PidsLimit == nil || *h.PidsLimit != pids || len(h.PortBindings) != 0 {
		t.Errorf("%s container is not hardened: user %q, %+v", name, c.Config.User, h)
	}
}

func checkAgentMounts(t *testing.T, c containerInfo) {
	t.Helper()
	got := map[string]bool{}
	for _, m := range c.Mounts {
		got[m.Destination] = m.RW
	}
	want := map[string]bool{engine.SourceMount: false, engine.ReviewMount: false, engine.OutputMount: true}
	if len(got) != len(want) {
		t.Errorf("agent mounts = %v, want exactly %v", got, want)
	}
	for dst, rw := range want {
		if gotRW, ok := got[dst]; !ok || gotRW != rw {
			t.Errorf("agent mount %s: present %v, writable %v; want writable %v", dst, ok, gotRW, rw)
		}
	}
	for _, dir := range []string{"/tmp", engine.AgentHome, engine.AgentWorkDir} {
		if _, ok := c.HostConfig.Tmpfs[dir]; !ok {
			t.Errorf("agent has no tmpfs at %s: %v", dir, c.HostConfig.Tmpfs)
		}
	}
}

// checkNetworks: the agent is on one network, which is internal; the
// proxy is on it and on the egress network.
func checkNetworks(t *testing.T, w *engineWorld, obs *observed) {
	t.Helper()
	agentNets := keys(obs.containers[engine.ServiceAgent].NetworkSettings.Networks)
	if len(agentNets) != 1 || !strings.HasSuffix(agentNets[0], "_"+engine.NetworkInternal) {
		t.Fatalf("agent networks = %v, want only the project's internal network", agentNets)
	}
	if got := obs.internal[agentNets[0]]; got != "true" {
		t.Errorf("network %s internal = %q, want true", agentNets[0], got)
	}
	if got := obs.internal[w.network]; got != "false" {
		t.Errorf("egress network %s internal = %q, want false", w.network, got)
	}
	proxyNets := keys(obs.containers[engine.ServiceProxy].NetworkSettings.Networks)
	if !slices.Equal(proxyNets, []string{agentNets[0], w.network}) && !slices.Equal(proxyNets, []string{w.network, agentNets[0]}) {
		t.Errorf("proxy networks = %v, want %s and %s", proxyNets, agentNets[0], w.network)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestEngineSourceIsReadOnly is THREATS E7: the agent cannot write into the
// code under review, its review files or its root file system, and can
// write only to its scratch tmpfs and the output directory.
func TestEngineSourceIsReadOnly(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	res, _, _ := w.review(t, "erofs", source(t, benignServer), nil)
	wantLines(t, finalReport(t, res),
		// Appending to a file owned by another user fails with EACCES before
		// the read-only mount is checked; run as its owner it is EROFS.
		[]string{"erofs /src/planted.txt", " /src/README.md", "erofs /src/.git/hooks", "erofs /review/prompt.md",
			"erofs /rootfs.txt", "WROTE /tmp/scratch", "WROTE /work/scratch", "WROTE /home/reviewer/scratch"},
		[]string{"WROTE /src", "WROTE /review", "WROTE /rootfs"})
}

// TestEngineInjectionNeedsHuman is THREATS E6: an agent that obeys the
// comment planted beside the postmark backdoor says info, the pre-scan
// says high, and the verdict is "needs human review", not a pass.
func TestEngineInjectionNeedsHuman(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	dir, base, head := postmarkRepo(t)
	res, _, _ := w.review(t, "obedient", SourceRequest{Repo: dir, Head: head, Base: base}, nil)
	v := res.Verdict
	if v.Failed || v.AgentRisk != risk.Info || v.PrescanRisk != risk.High || !v.NeedsHuman || v.Pass() ||
		v.Status() != StatusNeedsHuman {
		t.Fatalf("verdict = %+v, want needs-human-review (agent info, pre-scan high)", v)
	}
	if got := readFileT(t, res.LabelsPath); got != "security-risk:high\n" {
		t.Errorf("labels.txt = %q, want the pre-scan's high", got)
	}
	wantLines(t, finalReport(t, res), []string{"needs-human-review", "phan@giftshop.club", "pre-audited"}, nil)
}

// TestEngineSilentAgentFails is THREATS D4: exit 0 and no outputs is a
// failed review, with no labels.
func TestEngineSilentAgentFails(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	res, _, _ := w.review(t, "silent", source(t, benignServer), nil)
	if v := res.Verdict; !v.Failed || v.Pass() || res.LabelsPath != "" {
		t.Fatalf("verdict = %+v, labels %q; want a failed review without labels", v, res.LabelsPath)
	}
	wantLines(t, strings.Join(res.Verdict.Reasons, "\n"), []string{"report.md"}, nil)
}

// TestEngineTimeout: an agent that never ends fails the review at the
// timeout, and its containers are gone (review checks that). The timeout
// also covers starting the stack, so it leaves room for a loaded machine
// (5 s failed there: the run ended before its containers started). That the
// review ends at all is shown by AgentExit.TimedOut (the sleeper sleeps an
// hour), not by a wall-clock bound.
func TestEngineTimeout(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	res, _, _ := w.review(t, "sleeper", source(t, benignServer), func(r *Request) { r.Timeout = 30e9 })
	if v := res.Verdict; !v.Failed || res.AgentExit == nil || !res.AgentExit.TimedOut {
		t.Fatalf("verdict = %+v, agent %+v; want a timed-out, failed review", v, res.AgentExit)
	}
	wantLines(t, strings.Join(res.Verdict.Reasons, "\n"), []string{"agent timed out"}, nil)
}

// TestEngineCancelRemovesEverything: interrupting a review (Ctrl-C) while
// the agent runs returns context.Canceled and still removes the project.
func TestEngineCancelRemovesEverything(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var project string
	observe := func(stage string, ar *agentRun) {
		if stage == "started" {
			project = ar.project
			time.AfterFunc(time.Second, cancel)
		}
	}
	_, err := Run(ctx, w.request(t, "sleeper", source(t, benignServer)), w.options(observe)...)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run(cancelled) = %v, want context.Canceled", err)
	}
	w.checkGone(t, project)
}

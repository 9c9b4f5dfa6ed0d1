//go:build !noengine

package reviewer

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

// testLimits keep the small test agents cheap.
var testLimits = engine.Limits{AgentMemory: "256m", AgentPids: 64, ProxyMemory: "128m", ProxyPids: 32}

// containerInfo is the part of `docker inspect` the tests check.
type containerInfo struct {
	Name   string
	Config struct {
		User       string
		Env        []string
		Labels     map[string]string
		Entrypoint []string
	}
	HostConfig struct {
		ReadonlyRootfs bool
		Privileged     bool
		CapDrop        []string
		CapAdd         []string
		SecurityOpt    []string
		Memory         int64
		PidsLimit      *int64
		Tmpfs          map[string]string
		PortBindings   map[string]any
	}
	Mounts []struct {
		Type, Source, Destination string
		RW                        bool
	}
	NetworkSettings struct {
		Networks map[string]struct{ IPAddress string }
	}
}

func (c containerInfo) service() string { return c.Config.Labels["com.docker.compose.service"] }

// observed is what a test saw of a run while its containers existed.
type observed struct {
	mu         sync.Mutex
	project    string
	containers map[string]containerInfo // by service
	inspectRaw string
	logs       map[string]string // by service, stdout and stderr
	internal   map[string]string // network name -> {{.Internal}}, while it existed
}

// observer inspects the containers once started and reads their logs
// once the agent exited, before Run removes them.
func (o *observed) observer(t *testing.T) func(string, *agentRun) {
	return func(stage string, ar *agentRun) {
		o.mu.Lock()
		defer o.mu.Unlock()
		ctx := context.Background()
		o.project = ar.project
		ids, err := ar.eng.ProjectContainers(ctx, ar.project, "")
		if err != nil {
			t.Errorf("listing containers at %s: %v", stage, err)
			return
		}
		switch stage {
		case "started":
			o.inspect(t, ar.eng, ids)
		case "exited":
			o.logs = map[string]string{}
			for _, c := range o.containers {
				out, _ := exec.Command("docker", "logs", strings.TrimPrefix(c.Name, "/")).CombinedOutput()
				o.logs[c.service()] = string(out)
			}
		}
	}
}

func (o *observed) inspect(t *testing.T, eng *engine.Engine, ids []string) {
	raw, err := eng.Inspect(context.Background(), ids...)
	if err != nil {
		t.Errorf("inspecting containers: %v", err)
		return
	}
	var cs []containerInfo
	if err := json.Unmarshal(raw, &cs); err != nil {
		t.Errorf("decoding docker inspect: %v", err)
		return
	}
	o.inspectRaw, o.containers, o.internal = string(raw), map[string]containerInfo{}, map[string]string{}
	for _, c := range cs {
		o.containers[c.service()] = c
		for name := range c.NetworkSettings.Networks {
			o.internal[name], _ = dockerCmd(context.Background(), "network", "inspect", "--format", "{{.Internal}}", name)
		}
	}
}

// source commits files to a new local repository and names its head.
func source(t *testing.T, files map[string]string) SourceRequest {
	t.Helper()
	r := newTestRepo(t)
	return SourceRequest{Repo: r.work, Head: r.commit("server", files)}
}

// benignServer is code the pre-scan finds nothing in.
var benignServer = map[string]string{
	"README.md": "# adder\n\nAn MCP server that adds two numbers.\n",
	"server.js": "export function add(a, b) {\n  return a + b;\n}\n",
}

func withFiles(extra map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range benignServer {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// request is a review of src by the named test agent, as "claude".
func (w *engineWorld) request(t *testing.T, agent string, src SourceRequest) Request {
	return Request{Source: src, Agent: AgentClaude, AgentImage: w.images[agent], APIKey: sentinelKey,
		OutputDir: filepath.Join(t.TempDir(), "out"), Timeout: 90 * time.Second, AllowOldEngine: true}
}

// options wire a run to the test world: the test proxy, the fake provider
// on the test network, small limits and the observer.
func (w *engineWorld) options(observe func(string, *agentRun)) []RunOption {
	return []RunOption{
		WithProxyBinary(w.proxyBin), WithEgressNetwork(w.network), WithLimits(testLimits),
		withTestUpstream(fmt.Sprintf("https://%s:%d", w.gateway, w.upstream.port())),
		func(c *runConfig) { c.observe = observe },
	}
}

// review runs the real stack with the named test agent and checks that
// nothing of the project is left afterwards.
func (w *engineWorld) review(t *testing.T, agent string, src SourceRequest, mod func(*Request)) (*Result, *observed, time.Duration) {
	t.Helper()
	req := w.request(t, agent, src)
	if mod != nil {
		mod(&req)
	}
	obs := &observed{}
	start := time.Now()
	res, err := Run(context.Background(), req, w.options(obs.observer(t))...)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Run(%s) = %v", agent, err)
	}
	w.checkGone(t, obs.project)
	return res, obs, took
}

// checkGone fails if any container or network of project remains.
func (w *engineWorld) checkGone(t *testing.T, project string) {
	t.Helper()
	if project == "" {
		t.Fatal("the run never started its containers")
	}
	ctx := context.Background()
	filter := "label=com.docker.compose.project=" + project
	for _, args := range [][]string{{"ps", "--all", "--quiet", "--filter", filter}, {"network", "ls", "--quiet", "--filter", filter}} {
		out, err := dockerCmd(ctx, args...)
		if err != nil || out != "" {
			t.Errorf("after the review, docker %s = %q, %v; want nothing left", args[0], out, err)
		}
	}
}

func finalReport(t *testing.T, res *Result) string {
	t.Helper()
	if res.ReportPath == "" {
		t.Fatal("Run wrote no report")
	}
	return readFileT(t, res.ReportPath)
}

func wantLines(t *testing.T, text string, want, notWant []string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("report lacks %q", s)
		}
	}
	for _, s := range notWant {
		if strings.Contains(text, s) {
			t.Errorf("report contains %q", s)
		}
	}
	if t.Failed() {
		t.Logf("report:\n%s", text)
	}
}

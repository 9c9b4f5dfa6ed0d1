//go:build !noengine

package reviewer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

func targetsJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEngineAgentCannotGetOut is THREATS E8 within what may be probed
// here: from the internal network the agent reaches neither a container on
// a normal network (by name or address) nor this host (a listener on the
// gateway of that network, one on every address tried at both gateways),
// nor the fake provider directly. Every listener counts its requests; the
// agent's own account is only a diagnostic.
func TestEngineAgentCannotGetOut(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	urls := []string{
		fmt.Sprintf("http://%s:8080/by-name", w.canary),
		fmt.Sprintf("http://%s:8080/by-ip", w.canaryIP),
		fmt.Sprintf("http://%s:%d/host-gateway", w.gateway, w.hostGW.port()),
		fmt.Sprintf("http://%s:%d/host-any", w.gateway, w.hostAny.port()),
		fmt.Sprintf("https://%s:%d/upstream-direct", w.gateway, w.upstream.port()),
	}
	targets := targetsJSON(t, map[string]any{"http": urls, "lookup": []string{w.canary}})
	res, _, _ := w.review(t, "egress", source(t, withFiles(map[string]string{"targets.json": targets})), nil)
	if res.Verdict.Failed {
		t.Fatalf("verdict = %+v, want the agent's report", res.Verdict)
	}
	want := []string{"unresolved " + w.canary, "/internal-gateway"}
	for _, u := range urls {
		want = append(want, "blocked "+u)
	}
	wantLines(t, finalReport(t, res), want, []string{"REACHED", "RESOLVED"})
	for name, s := range map[string]*hitServer{"host gateway": w.hostGW, "host any": w.hostAny, "provider": w.upstream} {
		for _, r := range s.requests() {
			if strings.Contains(r.Path, "host-") || strings.Contains(r.Path, "-gateway") || strings.Contains(r.Path, "-direct") {
				t.Errorf("%s listener was reached by the agent: %s %s", name, r.Method, r.Path)
			}
		}
	}
	if logs, err := dockerCmd(t.Context(), "logs", w.canary); err != nil || strings.Contains(logs, "HIT") {
		t.Errorf("canary container log = %q, %v; want no hits", logs, err)
	}
}

// TestEngineHostileOutputs is THREATS E1-E3 on the real stack: whatever
// the agent leaves in /out, extraction never reads outside it, never
// blocks, never reads a huge file, and the review fails.
func TestEngineHostileOutputs(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	sentinelText := "HOST-SECRET-" + randomHex(8)
	sentinel := filepath.Join(t.TempDir(), "host-secret.txt")
	if err := os.WriteFile(sentinel, []byte(sentinelText+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ mode, reason string }{
		{"symlink", "report.md"},
		{"fifo", "labels.txt"},
		{"sparse", "report.md"},
		{"device", "exited with status 2"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			targets := targetsJSON(t, map[string]string{"mode": tt.mode, "sentinel": sentinel})
			res, _, took := w.review(t, "hostile", source(t, withFiles(map[string]string{"targets.json": targets})), nil)
			if v := res.Verdict; !v.Failed || res.LabelsPath != "" {
				t.Fatalf("verdict = %+v, want a failed review without labels", v)
			}
			reasons := strings.Join(res.Verdict.Reasons, "\n")
			if !strings.Contains(reasons, tt.reason) {
				t.Errorf("reasons = %q, want one about %s", reasons, tt.reason)
			}
			if report := finalReport(t, res); strings.Contains(report, sentinelText) || len(report) > MaxFinalReportSize {
				t.Errorf("final report holds the host file or is %d bytes", len(report))
			}
			if took > time.Minute {
				t.Errorf("review took %v: extraction blocked or read too much", took)
			}
		})
	}
	if got := readFileT(t, sentinel); got != sentinelText+"\n" {
		t.Errorf("host sentinel file changed to %q", got)
	}
}

// TestEngineKeyNeverVisible is THREATS E14 and E12: the real key is in
// neither container's inspect output nor their logs nor the results, the
// agent holds only a per-run token, and two runs get different tokens.
func TestEngineKeyNeverVisible(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	var tokens [2]string
	t.Run("runs", func(t *testing.T) {
		for i := range tokens {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				tokens[i] = checkKeyNeverVisible(t, w)
			})
		}
	})
	if tokens[0] == tokens[1] {
		t.Errorf("two runs got the same client token %q", tokens[0])
	}
}

var tokenRE = regexp.MustCompile(`^ANTHROPIC_API_KEY=([0-9a-f]{64})$`)

func checkKeyNeverVisible(t *testing.T, w *engineWorld) string {
	res, obs, _ := w.review(t, "envdump", source(t, benignServer), nil)
	if res.Verdict.Failed {
		t.Fatalf("verdict = %+v, want the agent's report", res.Verdict)
	}
	agentLog := obs.logs[engine.ServiceAgent]
	if !strings.Contains(agentLog, "ANTHROPIC_BASE_URL=http://proxy:8080") {
		t.Fatalf("agent log lacks its environment (the check would prove nothing):\n%s", agentLog)
	}
	results, _ := json.Marshal(res)
	for what, text := range map[string]string{
		"docker inspect": obs.inspectRaw, "agent log": agentLog, "proxy log": obs.logs[engine.ServiceProxy],
		"final report": finalReport(t, res), "result": string(results),
	} {
		if strings.Contains(text, sentinelKey) {
			t.Errorf("%s contains the API key", what)
		}
	}
	if strings.Contains(agentLog, "/run/secrets") {
		t.Errorf("the agent can read the proxy's secrets:\n%s", agentLog)
	}
	var token string
	for _, kv := range obs.containers[engine.ServiceAgent].Config.Env {
		if m := tokenRE.FindStringSubmatch(kv); m != nil {
			token = m[1]
		}
	}
	if token == "" {
		t.Errorf("agent env %v has no 64-hex run token", obs.containers[engine.ServiceAgent].Config.Env)
	}
	if strings.Contains(obs.logs[engine.ServiceProxy], token) {
		t.Error("proxy log contains the run token")
	}
	return token
}

// TestEngineProxyInTheStack is THREATS E9-E12 through the real stack: the
// agent gets an answer only on an allowed path with its token, and the
// fake provider sees the injected key and none of the agent's headers.
func TestEngineProxyInTheStack(t *testing.T) {
	t.Parallel()
	w := needEngine(t)
	direct := fmt.Sprintf("https://%s:%d/upstream-direct-proxycall", w.gateway, w.upstream.port())
	targets := targetsJSON(t, map[string]string{"upstream": direct})
	// The world is shared by every run of the test (-count=N): only the
	// requests of this run count.
	before := len(w.upstream.requests())
	res, obs, _ := w.review(t, "proxycall", source(t, withFiles(map[string]string{"targets.json": targets})), nil)
	wantLines(t, finalReport(t, res), []string{"status allowed 200", "status wrong-token 401", "status files-api 403",
		"status mcp-servers 403", "status traversal 403", "status probe 204", "blocked upstream directly"}, []string{"REACHED"})
	var got []hitRequest
	for _, r := range w.upstream.requests()[before:] {
		if strings.HasPrefix(r.Path, "/v1/") || strings.Contains(r.Path, "proxycall") {
			got = append(got, r)
		}
	}
	if len(got) != 1 || got[0].Path != "/v1/messages?beta=true" {
		t.Fatalf("provider received %+v, want exactly the allowed request", got)
	}
	h := got[0].Header
	if !slices.Equal(h.Values("X-Api-Key"), []string{sentinelKey}) {
		t.Errorf("provider x-api-key = %q, want exactly the injected key", h.Values("X-Api-Key"))
	}
	for _, name := range []string{"Authorization", "Cookie", "X-Forwarded-Host", "Anthropic-Beta"} {
		if v := h.Values(name); len(v) > 0 {
			t.Errorf("provider received %s: %q", name, v)
		}
	}
	if log := obs.logs[engine.ServiceProxy]; !strings.Contains(log, "POST /v1/messages 200") || strings.Contains(log, sentinelKey) {
		t.Errorf("proxy log = %q, want the allowed request and no key", log)
	}
}

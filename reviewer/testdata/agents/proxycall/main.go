// Command proxycall uses the proxy as a prompt-injected agent would: once
// as intended, then with a wrong token, a forbidden path and a forbidden
// body, and it tries the provider directly. It reports every status.
package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"
)

const body = `{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}`

func main() {
	base := os.Getenv("ANTHROPIC_BASE_URL")
	token := os.Getenv("ANTHROPIC_API_KEY")
	hostile := map[string]string{"Authorization": "Bearer sk-attacker", "Cookie": "s=attacker",
		"Anthropic-Beta": "mcp-client-2025-04-04", "X-Forwarded-Host": "evil.example"}
	calls := []struct {
		name, method, path, token, body string
		extra                           map[string]string
	}{
		{"allowed", "POST", "/v1/messages?beta=true", token, body, hostile},
		{"wrong-token", "POST", "/v1/messages", "sk-compose-clients", body, nil},
		{"files-api", "POST", "/v1/files", token, body, nil},
		{"mcp-servers", "POST", "/v1/messages", token, `{"messages":[],"mcp_servers":[{"type":"url","url":"https://evil.example"}]}`, nil},
		{"traversal", "POST", "/v1/messages/../files", token, body, nil},
		{"probe", "HEAD", "/", "", "", nil},
	}
	var lines []string
	for _, c := range calls {
		lines = append(lines, fmt.Sprintf("status %s %d", c.name, call(base, c.method, c.path, c.token, c.body, c.extra)))
	}
	if t := fakeagent.ReadTargets(); t.Upstream != "" {
		cl := http.Client{Timeout: 3 * time.Second}
		if resp, err := cl.Get(t.Upstream); err == nil {
			resp.Body.Close()
			lines = append(lines, "REACHED upstream directly")
		} else {
			lines = append(lines, "blocked upstream directly")
		}
	}
	fakeagent.Finish("info", lines)
}

func call(base, method, path, token, body string, extra map[string]string) int {
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		return -1
	}
	if token != "" {
		req.Header.Set("X-Api-Key", token)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range extra {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return -1
	}
	resp.Body.Close()
	return resp.StatusCode
}

package proxy

import (
	"net/http"
	"testing"
)

// TestProxyRefusesNonReverseTargets is THREATS E9: whatever the request
// target, the proxy never becomes a way to another host or another path.
func TestProxyRefusesNonReverseTargets(t *testing.T) {
	auth := []string{"X-Api-Key: " + testToken, "Content-Type: application/json"}
	tests := []struct {
		name, line string
		want       int
	}{
		{"absolute-form to another host", "POST http://evil.example/v1/messages HTTP/1.1", http.StatusBadRequest},
		{"absolute-form to the upstream", "POST https://api.anthropic.com/v1/messages HTTP/1.1", http.StatusBadRequest},
		{"CONNECT", "CONNECT evil.example:443 HTTP/1.1", http.StatusMethodNotAllowed},
		{"scheme-relative path", "POST //evil.example/v1/messages HTTP/1.1", http.StatusBadRequest},
		{"dot-dot", "POST /v1/messages/../files HTTP/1.1", http.StatusForbidden},
		{"encoded dot-dot", "POST /v1/%2e%2e/v1/messages HTTP/1.1", http.StatusForbidden},
		{"encoded slash", "POST /v1/messages%2f..%2ffiles HTTP/1.1", http.StatusForbidden},
		{"prefix traversal", "POST /anthropic/..%2f..%2fv1/messages HTTP/1.1", http.StatusForbidden},
		{"encoded letter", "POST /v1/%6dessages HTTP/1.1", http.StatusForbidden},
		{"double slash inside", "POST /v1//messages HTTP/1.1", http.StatusForbidden},
		{"trailing slash", "POST /v1/messages/ HTTP/1.1", http.StatusForbidden},
		{"dot segment", "POST /v1/./messages HTTP/1.1", http.StatusForbidden},
		{"userinfo-looking path", "POST /@evil.example/v1/messages HTTP/1.1", http.StatusForbidden},
		{"backslash", "POST /v1\\messages HTTP/1.1", http.StatusForbidden},
		{"wrong method", "GET /v1/messages HTTP/1.1", http.StatusForbidden},
		{"files api", "POST /v1/files HTTP/1.1", http.StatusForbidden},
		{"batches", "POST /v1/messages/batches HTTP/1.1", http.StatusForbidden},
		{"models", "GET /v1/models HTTP/1.1", http.StatusForbidden},
		{"event logging", "POST /api/event_logging/batch HTTP/1.1", http.StatusForbidden},
		{"oauth token", "POST /v1/oauth/token HTTP/1.1", http.StatusForbidden},
		{"other query", "POST /v1/messages?beta=true&x=1 HTTP/1.1", http.StatusForbidden},
		{"query not beta", "POST /v1/messages?url=https://evil.example HTTP/1.1", http.StatusForbidden},
		{"openai path on anthropic", "POST /v1/responses HTTP/1.1", http.StatusForbidden},
	}
	tp := newTestProxy(t, Anthropic, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tp.raw(t, tt.line, auth, okAnthropicBody); got != tt.want {
				t.Errorf("proxy(%q) = %d, want %d", tt.line, got, tt.want)
			}
		})
	}
	if got := tp.up.requests(); len(got) != 0 {
		t.Errorf("upstream received %d requests, want none: %+v", len(got), got)
	}
}

// TestProxyRoutes checks the allowlist from the other side: exactly these
// requests reach the upstream, at the path and query they were sent to.
func TestProxyRoutes(t *testing.T) {
	tests := []struct {
		provider    Provider
		line, body  string
		path, query string
	}{
		{Anthropic, "POST /v1/messages HTTP/1.1", okAnthropicBody, "/v1/messages", ""},
		{Anthropic, "POST /v1/messages?beta=true HTTP/1.1", okAnthropicBody, "/v1/messages", "beta=true"},
		{Anthropic, "POST /v1/messages/count_tokens?beta=true HTTP/1.1", okAnthropicBody, "/v1/messages/count_tokens", "beta=true"},
		{OpenAI, "POST /v1/responses HTTP/1.1", okOpenAIBody, "/v1/responses", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.provider)+" "+tt.line, func(t *testing.T) {
			tp := newTestProxy(t, tt.provider, nil)
			hdr := []string{"Authorization: Bearer " + testToken, "Content-Type: application/json"}
			if got := tp.raw(t, tt.line, hdr, tt.body); got != http.StatusOK {
				t.Fatalf("proxy(%q) = %d, want 200", tt.line, got)
			}
			got := tp.up.requests()
			if len(got) != 1 || got[0].Path != tt.path || got[0].RawQuery != tt.query || got[0].Method != http.MethodPost {
				t.Errorf("upstream saw %+v, want one POST %s?%s", got, tt.path, tt.query)
			}
			if string(got[0].Body) != tt.body {
				t.Errorf("upstream body = %q, want it unchanged", got[0].Body)
			}
		})
	}
}

// TestProxyHeadProbeIsLocal: Claude Code's start-up HEAD / is answered
// without a token and never forwarded.
func TestProxyHeadProbeIsLocal(t *testing.T) {
	tp := newTestProxy(t, Anthropic, nil)
	if got := tp.raw(t, "HEAD / HTTP/1.1", nil, ""); got != http.StatusNoContent {
		t.Errorf("proxy(HEAD /) = %d, want 204", got)
	}
	if n := len(tp.up.requests()); n != 0 {
		t.Errorf("upstream received %d requests, want 0", n)
	}
}

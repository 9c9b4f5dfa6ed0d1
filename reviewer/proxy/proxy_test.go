package proxy

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// hostile are credential, identity and forwarding headers a prompt-injected
// agent might send to bill or identify as someone else, or to steer the
// proxy (THREATS E9, E11).
var hostile = map[string]string{
	"Authorization":       "Bearer sk-attacker",
	"Anthropic-Api-Key":   "sk-attacker",
	"Openai-Organization": "org-attacker",
	"Openai-Project":      "proj-attacker",
	"Cookie":              "session=attacker",
	"Proxy-Authorization": "Basic YXR0YWNrZXI=",
	"X-Forwarded-Host":    "evil.example",
	"X-Forwarded-For":     "1.2.3.4",
	"Forwarded":           "host=evil.example",
	"X-Stainless-Helper":  "attacker",
}

// TestProxyInjectsExactlyOneCredential is THREATS E11 (the CVE-2026-105452
// class): the upstream receives the real key in one header and none of the
// client's values, whatever they are.
func TestProxyInjectsExactlyOneCredential(t *testing.T) {
	tests := []struct {
		provider  Provider
		target    string
		body      string
		credName  string
		credValue string
	}{
		{Anthropic, "/v1/messages?beta=true", okAnthropicBody, "X-Api-Key", testKey},
		{OpenAI, "/v1/responses", okOpenAIBody, "Authorization", "Bearer " + testKey},
	}
	for _, tt := range tests {
		t.Run(string(tt.provider), func(t *testing.T) {
			tp := newTestProxy(t, tt.provider, nil)
			hdr := map[string]string{"Anthropic-Version": "2023-06-01", "User-Agent": "claude-cli/2.1",
				"Anthropic-Beta": "claude-code-20250219, mcp-client-2025-04-04,files-api-2025-04-14"}
			for k, v := range hostile {
				hdr[k] = v
			}
			if tt.provider == OpenAI {
				hdr["X-Api-Key"] = "sk-attacker"
				hdr["Authorization"] = "Bearer " + testToken
			}
			if resp := tp.post(t, tt.target, tt.body, hdr); resp.StatusCode != http.StatusOK {
				t.Fatalf("proxy = %d, want 200", resp.StatusCode)
			} else if resp.Header.Get("Set-Cookie") != "" {
				t.Errorf("response carries upstream Set-Cookie %q", resp.Header.Get("Set-Cookie"))
			}
			got := tp.up.requests()[0]
			if v := got.Header.Values(tt.credName); !slices.Equal(v, []string{tt.credValue}) {
				t.Errorf("upstream %s = %q, want exactly the injected key", tt.credName, v)
			}
			checkOnlyAllowedHeaders(t, got, tt.credName)
			if tt.provider == Anthropic && got.Header.Get("Anthropic-Beta") != "claude-code-20250219" {
				t.Errorf("upstream anthropic-beta = %q, want only the allowlisted value", got.Header.Get("Anthropic-Beta"))
			}
			if want := strings.TrimPrefix(tp.up.URL, "http://"); got.Host != want {
				t.Errorf("upstream Host = %q, want %q", got.Host, want)
			}
		})
	}
}

// checkOnlyAllowedHeaders fails on any header the proxy should not have
// forwarded, and on any client value anywhere.
func checkOnlyAllowedHeaders(t *testing.T, got seen, cred string) {
	t.Helper()
	allowed := map[string]bool{"Content-Type": true, "Accept": true, "Anthropic-Version": true,
		"Anthropic-Beta": true, "User-Agent": true, "Content-Length": true, "Accept-Encoding": true, cred: true}
	for k, vs := range got.Header {
		if !allowed[k] {
			t.Errorf("upstream received header %s: %q", k, vs)
		}
		for _, v := range vs {
			if strings.Contains(v, "attacker") || strings.Contains(v, testToken) || strings.Contains(v, "evil") {
				t.Errorf("upstream header %s carries a client value %q", k, v)
			}
		}
	}
}

// TestProxyRequiresRunToken is THREATS E12.
func TestProxyRequiresRunToken(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		want    int
	}{
		{"no token", nil, http.StatusUnauthorized},
		{"wrong x-api-key", []string{"X-Api-Key: sk-compose-clients"}, http.StatusUnauthorized},
		{"token prefix", []string{"X-Api-Key: " + testToken[:10]}, http.StatusUnauthorized},
		{"token without Bearer", []string{"Authorization: " + testToken}, http.StatusUnauthorized},
		{"token as basic auth", []string{"Authorization: Basic " + testToken}, http.StatusUnauthorized},
		{"token in another header", []string{"Anthropic-Api-Key: " + testToken}, http.StatusUnauthorized},
		{"x-api-key", []string{"X-Api-Key: " + testToken}, http.StatusOK},
		{"bearer", []string{"Authorization: Bearer " + testToken}, http.StatusOK},
	}
	tp := newTestProxy(t, Anthropic, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := append([]string{"Content-Type: application/json"}, tt.headers...)
			if got := tp.raw(t, "POST /v1/messages HTTP/1.1", hdr, okAnthropicBody); got != tt.want {
				t.Errorf("proxy(%v) = %d, want %d", tt.headers, got, tt.want)
			}
		})
	}
	if n := len(tp.up.requests()); n != 2 {
		t.Errorf("upstream received %d requests, want the 2 authorised ones", n)
	}
}

// TestProxyBodyCapAndBudget is THREATS E13.
func TestProxyBodyCapAndBudget(t *testing.T) {
	tp := newTestProxy(t, Anthropic, func(c *Config) { c.MaxRequests = 3 })
	huge := `{"messages":"` + strings.Repeat("a", 20<<20) + `"}`
	if got := tp.post(t, "/v1/messages", huge, nil).StatusCode; got != http.StatusRequestEntityTooLarge {
		t.Errorf("proxy(20 MiB body) = %d, want 413", got)
	}
	req, _ := http.NewRequest(http.MethodPost, tp.srv.URL+"/v1/messages", io.MultiReader(strings.NewReader(huge)))
	req.Header.Set("X-Api-Key", testToken)
	req.ContentLength = -1 // chunked: no Content-Length to refuse up front
	resp, err := tp.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("proxy(20 MiB chunked body) = %d, want 413", resp.StatusCode)
	}
	var codes []int
	for range 3 {
		codes = append(codes, tp.post(t, "/v1/messages", okAnthropicBody, nil).StatusCode)
	}
	if !slices.Equal(codes, []int{200, 429, 429}) {
		t.Errorf("proxy(3 requests after 2 refused ones, budget 3) = %v, want [200 429 429]", codes)
	}
}

// TestProxyDoesNotFollowRedirects: an upstream redirect goes back to the
// agent (who cannot follow it anywhere) instead of being fetched by the
// proxy, which has a route out.
func TestProxyDoesNotFollowRedirects(t *testing.T) {
	elsewhere := newUpstream(t)
	tp := newTestProxy(t, Anthropic, nil)
	tp.up.reply = func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/steal", http.StatusTemporaryRedirect)
	}
	if got := tp.post(t, "/v1/messages", okAnthropicBody, nil).StatusCode; got != http.StatusTemporaryRedirect {
		t.Errorf("proxy(upstream redirect) = %d, want 307 passed back", got)
	}
	if n := len(elsewhere.requests()); n != 0 {
		t.Errorf("redirect target received %d requests, want 0", n)
	}
}

// TestProxyLogNeverHoldsSecrets: one line per request with method, path,
// status and sizes; never a key, token or header value.
func TestProxyLogNeverHoldsSecrets(t *testing.T) {
	tp := newTestProxy(t, Anthropic, nil)
	tp.post(t, "/v1/messages", okAnthropicBody, map[string]string{"Authorization": "Bearer " + testKey})
	tp.raw(t, "POST /v1/files?key="+testKey+" HTTP/1.1", []string{"X-Api-Key: " + testToken}, "{}")
	tp.raw(t, "POST /v1/messages HTTP/1.1", []string{"X-Api-Key: " + testKey}, "{}")
	want := []string{"POST /v1/messages 200 in=", "POST - 403 in=0", "POST - 401 in=0"}
	log := tp.log.waitLines(t, len(want))
	lines := strings.Split(strings.TrimSpace(log), "\n")
	// A streamed answer is logged when its handler returns, which can be
	// after the client has read it and sent the next request: compare the
	// lines in a fixed order, not in the order they were written.
	slices.Sort(lines)
	slices.Sort(want)
	if len(lines) != len(want) {
		t.Fatalf("log has %d lines, want %d:\n%s", len(lines), len(want), log)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("log line %d = %q, want prefix %q", i, lines[i], w)
		}
	}
	for _, secret := range []string{testKey, testToken, "attacker"} {
		if strings.Contains(log, secret) {
			t.Errorf("log contains %q:\n%s", secret, log)
		}
	}
}

// TestProxySlowHeadersAreCut: a client that never finishes its headers is
// disconnected after the header timeout.
func TestProxySlowHeadersAreCut(t *testing.T) {
	tp := newTestProxy(t, Anthropic, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := contextWithCancel(t)
	done := make(chan error, 1)
	go func() { done <- serveListener(ctx, ln, tp.Proxy, io.Discard, 300*time.Millisecond) }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "POST /v1/messages HTTP/1.1\r\nHost: x\r\n")
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(c)
	if err != nil || time.Since(start) > 3*time.Second {
		t.Errorf("slow client still connected after %v (err %v), want it cut after 300ms", time.Since(start), err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel = %v, want nil", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"unknown provider", Config{Provider: "gemini", Key: "k", Token: "t"}},
		{"empty key", Config{Provider: Anthropic, Token: "t"}},
		{"empty token", Config{Provider: Anthropic, Key: "k"}},
		{"key with newline", Config{Provider: Anthropic, Key: "k\nX-Evil: 1", Token: "t"}},
		{"upstream with userinfo", Config{Provider: Anthropic, Upstream: "https://u:p@host", Key: "k", Token: "t"}},
		{"upstream not http", Config{Provider: Anthropic, Upstream: "file:///etc", Key: "k", Token: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil {
				t.Fatalf("New(%s) = nil error, want one", tt.name)
			}
			if bytes.Contains([]byte(err.Error()), []byte("X-Evil")) {
				t.Errorf("New error quotes the key: %v", err)
			}
		})
	}
}

// Every credential path the proxy accepts gets a wrong token as the only
// credential: 401, and the upstream receives nothing (issue 16 item 2). The
// right token on the same path is the control: 200, one request upstream.
func TestProxyWrongTokenPerCredentialPath(t *testing.T) {
	paths := []struct {
		name   string
		header func(tok string) string
	}{
		{"x-api-key", func(tok string) string { return "X-Api-Key: " + tok }},
		{"authorization bearer", func(tok string) string { return "Authorization: Bearer " + tok }},
	}
	last := testToken[len(testToken)-1]
	wrong := map[string]string{
		"another token":      "run-token-000000000000000000",
		"last byte changed":  testToken[:len(testToken)-1] + string(last^1),
		"prefix":             testToken[:len(testToken)-1],
		"token plus suffix":  testToken + "x",
		"upper case":         strings.ToUpper(testToken),
		"empty":              "",
		"the provider's key": testKey,
	}
	for _, provider := range []struct {
		p    Provider
		path string
		body string
	}{{Anthropic, "/v1/messages", okAnthropicBody}, {OpenAI, "/v1/responses", okOpenAIBody}} {
		for _, cp := range paths {
			for name, tok := range wrong {
				t.Run(fmt.Sprintf("%s/%s/%s", provider.p, cp.name, name), func(t *testing.T) {
					tp := newTestProxy(t, provider.p, nil)
					hdr := []string{"Content-Type: application/json", cp.header(tok)}
					if got := tp.raw(t, "POST "+provider.path+" HTTP/1.1", hdr, provider.body); got != http.StatusUnauthorized {
						t.Errorf("proxy(%s) = %d, want 401", hdr[1], got)
					}
					if n := len(tp.up.requests()); n != 0 {
						t.Errorf("upstream received %d requests for a wrong %s, want none", n, cp.name)
					}
				})
			}
			t.Run(fmt.Sprintf("%s/%s/right token", provider.p, cp.name), func(t *testing.T) {
				tp := newTestProxy(t, provider.p, nil)
				hdr := []string{"Content-Type: application/json", cp.header(testToken)}
				if got := tp.raw(t, "POST "+provider.path+" HTTP/1.1", hdr, provider.body); got != http.StatusOK {
					t.Errorf("proxy(right token as %s) = %d, want 200", cp.name, got)
				}
				if n := len(tp.up.requests()); n != 1 {
					t.Errorf("upstream received %d requests, want 1", n)
				}
			})
		}
	}
}

package proxy

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testKey   = "sk-real-SENTINEL-KEY-0123456789"
	testToken = "run-token-abcdef0123456789"
)

// seen is one request as the fake upstream received it.
type seen struct {
	Method, Path, RawQuery, Host string
	Header                       http.Header
	Body                         []byte
}

// recordingUpstream is a fake provider that records every request and
// answers 200 with a small JSON body (or what reply says).
type recordingUpstream struct {
	*httptest.Server
	mu    sync.Mutex
	got   []seen
	reply func(w http.ResponseWriter, r *http.Request)
}

func newUpstream(t *testing.T) *recordingUpstream {
	t.Helper()
	u := &recordingUpstream{}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		u.mu.Lock()
		u.got = append(u.got, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Host, r.Header.Clone(), body})
		reply := u.reply
		u.mu.Unlock()
		if reply != nil {
			reply(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "upstream=1")
		fmt.Fprint(w, `{"id":"msg_1","type":"message"}`)
	}))
	t.Cleanup(u.Close)
	return u
}

func (u *recordingUpstream) requests() []seen {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]seen(nil), u.got...)
}

// testProxy is a proxy in front of a recording upstream, served over a
// real loopback listener so raw request targets can be sent.
type testProxy struct {
	*Proxy
	up  *recordingUpstream
	srv *httptest.Server
	log *syncLog
}

func newTestProxy(t *testing.T, p Provider, mod func(*Config)) *testProxy {
	t.Helper()
	up := newUpstream(t)
	logBuf := newSyncLog()
	cfg := Config{Provider: p, Upstream: up.URL, Key: testKey, Token: testToken, Log: logBuf}
	if mod != nil {
		mod(&cfg)
	}
	px, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(px)
	t.Cleanup(srv.Close)
	return &testProxy{Proxy: px, up: up, srv: srv, log: logBuf}
}

// raw sends one request exactly as written (request line and headers) and
// returns the response status.
func (tp *testProxy) raw(t *testing.T, requestLine string, headers []string, body string) int {
	t.Helper()
	c, err := net.DialTimeout("tcp", tp.srv.Listener.Addr().String(), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	var b strings.Builder
	b.WriteString(requestLine + "\r\nHost: proxy:8080\r\n")
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
	if _, err := io.WriteString(c, b.String()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("reading response to %q: %v", requestLine, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// post sends an authorised POST through the proxy with net/http.
func (tp *testProxy) post(t *testing.T, target, body string, headers map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, tp.srv.URL+target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Api-Key", testToken)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

const okAnthropicBody = `{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,` +
	`"messages":[{"role":"user","content":[{"type":"text","text":"review /src"}]}],` +
	`"tools":[{"name":"Read","description":"read a file","input_schema":{"type":"object"}},` +
	`{"type":"custom","name":"Grep","input_schema":{"type":"object"}}]}`

const okOpenAIBody = `{"model":"gpt-5-codex","stream":true,"store":false,` +
	`"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"review"}]}],` +
	`"tools":[{"type":"function","name":"shell","parameters":{"type":"object"}},{"type":"custom","name":"apply_patch"}]}`

// syncLog is the proxy's log as a test reads it: the proxy writes a line
// after the response has gone out, so a reader waits for the lines it
// expects (signalled on each write) instead of reading early.
type syncLog struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{}
}

func newSyncLog() *syncLog { return &syncLog{written: make(chan struct{}, 1)} }

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.b.Write(p)
	select {
	case l.written <- struct{}{}:
	default:
	}
	return n, err
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLines returns the log once it holds n lines, or fails after a
// generous bound (a missing line, not a slow machine).
func (l *syncLog) waitLines(t *testing.T, n int) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		s := l.String()
		if strings.Count(s, "\n") >= n {
			return s
		}
		select {
		case <-l.written:
		case <-deadline:
			t.Fatalf("the proxy's log has %d lines, want %d:\n%s", strings.Count(s, "\n"), n, s)
		}
	}
}

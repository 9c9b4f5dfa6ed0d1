package proxy

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Provider names a model provider, and with it the upstream, the routes and
// the credential header.
type Provider string

// Providers.
const (
	Anthropic Provider = "anthropic"
	OpenAI    Provider = "openai"
)

// Upstream base URLs. They are fixed: only tests override them.
const (
	AnthropicURL = "https://api.anthropic.com"
	OpenAIURL    = "https://api.openai.com"
)

// Defaults of Config.
const (
	DefaultMaxBody     = 8 << 20
	DefaultMaxRequests = 2000
)

// Config configures a Proxy.
type Config struct {
	Provider Provider
	// Upstream overrides the provider's fixed base URL. Tests only.
	Upstream string
	// Key is the real API key, injected into every forwarded request.
	Key string
	// Token is the per-run client token the agent must present.
	Token string
	// MaxBody caps a request body (default DefaultMaxBody).
	MaxBody int64
	// MaxRequests is the per-run request budget (default
	// DefaultMaxRequests); requests past it get 429.
	MaxRequests int64
	// AllowBetas replaces DefaultAnthropicBetas.
	AllowBetas []string
	// Transport reaches the upstream (default: a transport with timeouts
	// that ignores proxy environment variables).
	Transport http.RoundTripper
	// Log receives one line per request (default io.Discard).
	Log io.Writer
}

// Proxy is the reverse proxy. It is safe for concurrent use.
type Proxy struct {
	provider  Provider
	upstream  *url.URL
	key       string
	token     []byte
	maxBody   int64
	budget    int64
	betas     map[string]bool
	transport http.RoundTripper
	used      atomic.Int64
	logMu     sync.Mutex
	log       io.Writer
}

// New checks cfg and builds a Proxy.
func New(cfg Config) (*Proxy, error) {
	base, err := upstreamURL(cfg.Provider, cfg.Upstream)
	if err != nil {
		return nil, err
	}
	if err := checkSecret("key", cfg.Key); err != nil {
		return nil, err
	}
	if err := checkSecret("token", cfg.Token); err != nil {
		return nil, err
	}
	p := &Proxy{
		provider: cfg.Provider, upstream: base, key: cfg.Key, token: []byte(cfg.Token),
		maxBody: cfg.MaxBody, budget: cfg.MaxRequests, transport: cfg.Transport, log: cfg.Log,
		betas: map[string]bool{},
	}
	if p.maxBody <= 0 {
		p.maxBody = DefaultMaxBody
	}
	if p.budget <= 0 {
		p.budget = DefaultMaxRequests
	}
	if p.transport == nil {
		p.transport = newTransport()
	}
	if p.log == nil {
		p.log = io.Discard
	}
	for _, b := range cmpSlice(cfg.AllowBetas, DefaultAnthropicBetas) {
		p.betas[b] = true
	}
	return p, nil
}

func cmpSlice(a, b []string) []string {
	if a != nil {
		return a
	}
	return b
}

func upstreamURL(p Provider, override string) (*url.URL, error) {
	raw := override
	switch {
	case p == Anthropic && raw == "":
		raw = AnthropicURL
	case p == OpenAI && raw == "":
		raw = OpenAIURL
	case p != Anthropic && p != OpenAI:
		return nil, fmt.Errorf("configuring proxy: unknown provider %q (want anthropic or openai)", p)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("configuring proxy: invalid upstream %q", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// checkSecret requires a non-empty value that is safe in a header.
func checkSecret(name, v string) error {
	if v == "" {
		return fmt.Errorf("configuring proxy: empty %s", name)
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			// Never quote the value: it is a secret.
			return fmt.Errorf("configuring proxy: %s contains a space, control or non-ASCII byte", name)
		}
	}
	return nil
}

func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 10 * time.Minute,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
	}
}

// rejection is a request refused by the proxy itself.
type rejection struct {
	status int
	msg    string
}

func reject(status int, format string, args ...any) *rejection {
	return &rejection{status: status, msg: fmt.Sprintf(format, args...)}
}

// ServeHTTP admits, inspects and forwards one request.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	logged, in := "-", int64(0)
	defer func() { p.logLine(r.Method, logged, cw.status(), in, cw.n) }()
	rt, rej := p.admit(r)
	if rt != nil {
		logged = rt.path
	}
	if rej == nil && rt == nil { // the local HEAD / probe
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var body []byte
	if rej == nil {
		body, rej = p.readBody(w, r)
		in = int64(len(body))
	}
	if rej == nil {
		rej = inspectBody(p.provider, body)
	}
	if rej != nil {
		http.Error(cw, rej.msg, rej.status)
		return
	}
	p.forward(cw, r, rt, body)
}

// authorized reports whether the client presented the run's token as
// x-api-key or as an Authorization bearer token.
func (p *Proxy) authorized(h http.Header) bool {
	ok := false
	for _, v := range h.Values("X-Api-Key") {
		ok = ok || subtle.ConstantTimeCompare([]byte(v), p.token) == 1
	}
	for _, v := range h.Values("Authorization") {
		tok, found := strings.CutPrefix(v, "Bearer ")
		ok = ok || (found && subtle.ConstantTimeCompare([]byte(tok), p.token) == 1)
	}
	return ok
}

func (p *Proxy) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *rejection) {
	if r.ContentLength > p.maxBody {
		return nil, reject(http.StatusRequestEntityTooLarge, "request body larger than %d bytes", p.maxBody)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, p.maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, reject(http.StatusRequestEntityTooLarge, "request body larger than %d bytes", p.maxBody)
	case err != nil:
		return nil, reject(http.StatusBadRequest, "reading request body failed")
	}
	return body, nil
}

func (p *Proxy) logLine(method, path string, status int, in, out int64) {
	p.logMu.Lock()
	defer p.logMu.Unlock()
	fmt.Fprintf(p.log, "%s %s %d in=%d out=%d\n", method, path, status, in, out)
}

// countingWriter records the status and counts the bytes sent to the
// client, for the log.
type countingWriter struct {
	http.ResponseWriter
	code int
	n    int64
}

func (c *countingWriter) WriteHeader(code int) {
	if c.code == 0 {
		c.code = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if c.code == 0 {
		c.code = http.StatusOK
	}
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

func (c *countingWriter) status() int {
	if c.code == 0 {
		return http.StatusOK
	}
	return c.code
}

// Unwrap lets http.ResponseController reach the flusher.
func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

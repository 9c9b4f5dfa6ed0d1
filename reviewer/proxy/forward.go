package proxy

import (
	"bytes"
	"io"
	"net/http"
	"strings"
)

// DefaultAnthropicBetas are the anthropic-beta values forwarded; any other
// value is dropped. They are the ones Claude Code sends for plain
// inference. Betas that let the provider reach out (mcp-client-*,
// web-fetch-*, code-execution-*, files-api-*, computer-use-*) are absent on
// purpose.
var DefaultAnthropicBetas = []string{
	"claude-code-20250219",
	"interleaved-thinking-2025-05-14",
	"fine-grained-tool-streaming-2025-05-14",
	"context-management-2025-06-27",
	"context-1m-2025-08-07",
	"token-counting-2024-11-01",
	"prompt-caching-2024-07-31",
	"output-128k-2025-02-19",
	"token-efficient-tools-2025-02-19",
}

// forwardHeaders are the only request headers that reach the upstream
// (anthropic-beta is filtered value by value). Everything else, every
// credential the client sent included (x-api-key, authorization, cookie,
// proxy-authorization, anthropic-api-key, openai-organization,
// openai-project), forwarding headers and hop-by-hop headers, is dropped.
var forwardHeaders = []string{"Content-Type", "Accept", "Anthropic-Version", "User-Agent"}

// dropResponseHeaders are upstream response headers the agent never sees.
var dropResponseHeaders = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Authenticate": true, "Proxy-Connection": true,
	"Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true, "Set-Cookie": true,
	"Alt-Svc": true,
}

// outboundHeaders builds the upstream request's headers from the allowlist
// and sets exactly one credential.
func (p *Proxy) outboundHeaders(in http.Header) http.Header {
	out := http.Header{}
	for _, name := range forwardHeaders {
		if v := in.Get(name); v != "" {
			out.Set(name, v)
		}
	}
	if p.provider == Anthropic {
		if betas := p.filterBetas(in.Values("Anthropic-Beta")); betas != "" {
			out.Set("Anthropic-Beta", betas)
		}
		out.Set("X-Api-Key", p.key)
	} else {
		out.Set("Authorization", "Bearer "+p.key)
	}
	return out
}

// filterBetas keeps the allowlisted values of anthropic-beta headers
// (comma-separated, possibly repeated).
func (p *Proxy) filterBetas(values []string) string {
	var keep []string
	for _, v := range values {
		for b := range strings.SplitSeq(v, ",") {
			if b = strings.TrimSpace(b); p.betas[b] {
				keep = append(keep, b)
			}
		}
	}
	return strings.Join(keep, ",")
}

// forward sends the admitted request to the fixed upstream and streams the
// response back. Redirects are returned as they are, never followed.
func (p *Proxy) forward(w http.ResponseWriter, r *http.Request, rt *route, body []byte) {
	target := *p.upstream
	target.Path += rt.path
	target.RawQuery = ""
	if _, q, _ := strings.Cut(r.RequestURI, "?"); q != "" {
		target.RawQuery = q
	}
	out, err := http.NewRequestWithContext(r.Context(), rt.method, target.String(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, "building upstream request failed", http.StatusInternalServerError)
		return
	}
	out.Header = p.outboundHeaders(r.Header)
	out.ContentLength = int64(len(body))
	resp, err := p.transport.RoundTrip(out)
	if err != nil {
		http.Error(w, "upstream unreachable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, vs := range resp.Header {
		if !dropResponseHeaders[http.CanonicalHeaderKey(k)] {
			w.Header()[k] = vs
		}
	}
	w.WriteHeader(resp.StatusCode)
	streamBody(w, resp.Body)
}

// streamBody copies the upstream body, flushing after each read so
// server-sent events reach the agent as they arrive.
func streamBody(w http.ResponseWriter, body io.Reader) {
	rc := http.NewResponseController(w)
	buf := make([]byte, 32<<10)
	for {
		n, err := body.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return
			}
			_ = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}

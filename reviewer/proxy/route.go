package proxy

import (
	"net/http"
	"path"
	"slices"
	"strings"
)

// route is one allowed request: a method, an exact path and the exact raw
// queries allowed with it.
type route struct {
	method  string
	path    string
	queries []string
}

// routes is the allowlist (THREATS 4.4). Claude Code sends inference to
// /v1/messages?beta=true; the gateway protocol also names count_tokens.
// Codex's Responses API is POST {base}/responses with base .../v1.
var routes = map[Provider][]route{
	Anthropic: {
		{http.MethodPost, "/v1/messages", []string{"", "beta=true"}},
		{http.MethodPost, "/v1/messages/count_tokens", []string{"", "beta=true"}},
	},
	OpenAI: {
		{http.MethodPost, "/v1/responses", []string{""}},
	},
}

// admit decides whether a request may go on to body inspection. It returns
// (nil, nil) for the local HEAD / probe Claude Code makes at start, which
// is answered here and never forwarded.
func (p *Proxy) admit(r *http.Request) (*route, *rejection) {
	if r.Method == http.MethodConnect {
		return nil, reject(http.StatusMethodNotAllowed, "CONNECT is not allowed: this is not a forward proxy")
	}
	rawPath, rawQuery, ok := splitTarget(r.RequestURI)
	if !ok {
		return nil, reject(http.StatusBadRequest, "only origin-form request targets (/path) are allowed")
	}
	if r.Method == http.MethodHead && rawPath == "/" && rawQuery == "" {
		return nil, nil
	}
	if !p.authorized(r.Header) {
		return nil, reject(http.StatusUnauthorized, "missing or wrong client token")
	}
	rt := p.route(r.Method, rawPath)
	if rt == nil {
		return nil, reject(http.StatusForbidden, "method and path not allowed")
	}
	if !slices.Contains(rt.queries, rawQuery) {
		return rt, reject(http.StatusForbidden, "query not allowed")
	}
	if p.used.Add(1) > p.budget {
		return rt, reject(http.StatusTooManyRequests, "request budget of this review used up")
	}
	return rt, nil
}

// splitTarget splits an origin-form request target. Absolute-form
// (http://host/...), authority-form and asterisk-form are refused.
func splitTarget(uri string) (rawPath, rawQuery string, ok bool) {
	if !strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "//") {
		return "", "", false
	}
	rawPath, rawQuery, _ = strings.Cut(uri, "?")
	return rawPath, rawQuery, true
}

// route finds the allowed route for method and the raw path. The path must
// be exactly an allowed one as sent: no percent-encoding (so %2e%2e, %2f
// and encoded letters never match), already clean (no "..", ".", "//" or
// trailing slash).
func (p *Proxy) route(method, rawPath string) *route {
	if strings.ContainsAny(rawPath, "%\\;@") || path.Clean(rawPath) != rawPath {
		return nil
	}
	for i := range routes[p.provider] {
		rt := &routes[p.provider][i]
		if rt.method == method && rt.path == rawPath {
			return rt
		}
	}
	return nil
}

// Package hubworld is a Docker Hub-shaped registry on loopback for
// benchmarks: a TLS registry that wants a bearer token from a token service
// on another host name, redirects blob GETs to a CDN on a third host name,
// and keeps signatures in mcp/signatures on the same registry. Every host
// is RTT away: each TCP connect (in the client's dial seam), each TLS
// handshake (when the server reads the ClientHello) and each request (in
// the handler) waits RTT. The hosts carry Docker Hub's own names on port
// 443, so the verifier takes its Docker Hub paths (the known token realm);
// those names reach 127.0.0.1 only through the client transport's dial
// seam, which refuses every other address: no DNS query, no hosts file,
// nothing leaves loopback.
//
//	go test ./bench/hubworld -run '^$' -bench . -benchtime 5x
package hubworld

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// Host names of the world, as Docker Hub's; each listens on its own
// loopback port, which the client's dial seam maps name:443 to.
const (
	RegistryName = "index.docker.io"
	AuthName     = "auth.docker.io"
	CDNName      = "production.cloudflare.docker.com"
	service      = "registry.docker.io"
)

// World is the three hosts and the registry behind them.
type World struct {
	// Registry, Auth and CDN are the host names clients address (port 443).
	Registry, Auth, CDN string
	// Tokens records every token request.
	Tokens *Tokens
	// Service is the service the registry's challenge names and its
	// tokens must be for: Docker Hub's unless a test changes it.
	Service      atomic.Value // string
	unauthorized atomic.Int64
	// Log, when set before the first request, receives "METHOD HOSTPATH
	// UNIX_MICROS" for every request on arrival.
	Log   io.Writer
	logMu sync.Mutex
	rtt   time.Duration
	pki   *testPKI
	ports map[string]string // name -> loopback port
	back  *verifytest.Registry
	srvs  []*httptest.Server
}

// Start starts the world with every host rtt away. Seed it through Backing,
// then Close it.
func Start(rtt time.Duration) (*World, error) {
	pki, err := newPKI([]string{RegistryName, AuthName, CDNName})
	if err != nil {
		return nil, err
	}
	w := &World{rtt: rtt, pki: pki, Tokens: &Tokens{granted: map[string]grant{}}, back: verifytest.NewRegistry(),
		ports: map[string]string{}}
	w.Service.Store(service)
	backURL, _ := url.Parse(w.back.URL)
	proxy := httputil.NewSingleHostReverseProxy(backURL)
	proxy.ErrorHandler = proxyError
	w.Registry, w.Auth, w.CDN = RegistryName, AuthName, CDNName
	w.srvs = append(w.srvs, w.serve(AuthName, w.Tokens), w.serve(CDNName, proxy),
		w.serve(RegistryName, w.registryFront(proxy)))
	return w, nil
}

// proxyError answers 502 as the reverse proxy's default does, without its
// log line when the client went away: a verifier cancels the referrers
// request once a classic signature passed, and that is not an error.
func proxyError(rw http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, context.Canceled) {
		log.Printf("hubworld proxy: %s %s: %v", r.Method, r.URL.Path, err)
	}
	rw.WriteHeader(http.StatusBadGateway)
}

// Backing is the plain loopback registry behind the hosts: push to it
// without delay or authentication (host:port, as verifytest.Registry.Host).
func (w *World) Backing() string { return w.back.Host }

// Unauthorized is the number of 401 answers the registry has sent to
// repository requests (not counting the base /v2/).
func (w *World) Unauthorized() int64 { return w.unauthorized.Load() }

// Close stops every host.
func (w *World) Close() {
	for _, s := range w.srvs {
		s.CloseClientConnections()
		s.Close()
	}
	w.back.Close()
}

// serve starts a TLS host whose handshake and every request wait rtt.
func (w *World) serve(name string, h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if w.Log != nil {
			w.logMu.Lock()
			fmt.Fprintf(w.Log, "%s %s%s %d\n", r.Method, name, r.URL.Path, time.Now().UnixMicro())
			w.logMu.Unlock()
		}
		time.Sleep(w.rtt)
		h.ServeHTTP(rw, r)
	}))
	srv.EnableHTTP2 = true
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{w.pki.Leaf},
		GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			time.Sleep(w.rtt) // the handshake's round trip
			return nil, nil
		},
	}
	srv.StartTLS()
	u, _ := url.Parse(srv.URL)
	w.ports[name] = u.Port()
	return srv
}

// registryFront asks for a bearer token that covers the request's
// repository, redirects blob GETs to the CDN and proxies the rest.
func (w *World) registryFront(proxy http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/v2/") {
			http.NotFound(rw, r)
			return
		}
		repo, kind := splitV2(r.URL.Path)
		svc := w.Service.Load().(string)
		if !w.Tokens.allows(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "), svc, repo) {
			if repo != "" {
				w.unauthorized.Add(1)
			}
			rw.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="https://%s/token",service="%s"`, w.Auth, svc))
			http.Error(rw, `{"errors":[{"code":"UNAUTHORIZED"}]}`, http.StatusUnauthorized)
			return
		}
		if kind == "blobs" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			http.Redirect(rw, r, "https://"+w.CDN+r.URL.Path, http.StatusTemporaryRedirect)
			return
		}
		proxy.ServeHTTP(rw, r)
	})
}

// splitV2 splits /v2/<repo>/<kind>/<ref> into repo and kind; the base
// /v2/ has neither.
func splitV2(path string) (repo, kind string) {
	rest := strings.TrimPrefix(path, "/v2/")
	for _, k := range []string{"/manifests/", "/blobs/", "/referrers/", "/tags/"} {
		if i := strings.LastIndex(rest, k); i > 0 {
			return rest[:i], strings.Trim(k, "/")
		}
	}
	return "", ""
}

// Tokens is the token service: it grants a pull token for the scopes asked
// and records each request's scopes.
type Tokens struct {
	mu       sync.Mutex
	requests [][]string
	granted  map[string]grant
}

// grant is what a token allows: pulling repos of service.
type grant struct {
	service string
	repos   []string
}

func (t *Tokens) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	var repos []string
	for _, s := range r.URL.Query()["scope"] {
		if repo, ok := strings.CutPrefix(s, "repository:"); ok {
			repos = append(repos, strings.TrimSuffix(repo, ":pull"))
		}
	}
	t.mu.Lock()
	t.requests = append(t.requests, repos)
	tok := fmt.Sprintf("hubtoken-%d", len(t.requests))
	t.granted[tok] = grant{service: r.URL.Query().Get("service"), repos: repos}
	t.mu.Unlock()
	rw.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(rw, `{"token":%q,"expires_in":300}`, tok)
}

// allows reports whether tok grants pulling repo of service; the base /v2/
// needs a token for the service, for any repository.
func (t *Tokens) allows(tok, service, repo string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	g, ok := t.granted[tok]
	if !ok || g.service != service {
		return false
	}
	if repo == "" {
		return true
	}
	for _, r := range g.repos {
		if r == repo {
			return true
		}
	}
	return false
}

// Requests returns the scopes (repositories) of each token request so far.
func (t *Tokens) Requests() [][]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([][]string(nil), t.requests...)
}

// Reset forgets the requests so far (tokens granted stay valid).
func (t *Tokens) Reset() {
	t.mu.Lock()
	t.requests = nil
	t.mu.Unlock()
}

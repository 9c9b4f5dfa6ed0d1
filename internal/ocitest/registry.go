package ocitest

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

// Middleware wraps the registry handler to inject faults or delays.
type Middleware func(http.Handler) http.Handler

// Registry is a real OCI registry served over plain HTTP on 127.0.0.1.
type Registry struct {
	// Host is host:port, for image references: Host + "/mcp/x:latest".
	Host string
	// URL is http://host:port.
	URL    string
	server *httptest.Server
	log    *ServerLog
	conns  atomic.Int64
}

// NewRegistry starts a registry (with the OCI referrers API) behind the given
// middleware, outermost first. Close it when done.
func NewRegistry(mw ...Middleware) *Registry {
	var h http.Handler = registry.New(
		registry.Logger(log.New(io.Discard, "", 0)),
		registry.WithReferrersSupport(true),
	)
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	sl := &ServerLog{}
	r := &Registry{log: sl}
	srv := httptest.NewUnstartedServer(sl.wrap(h))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			r.conns.Add(1)
		}
	}
	srv.Start()
	u, _ := url.Parse(srv.URL)
	r.Host, r.URL, r.server = u.Host, srv.URL, srv
	return r
}

// Conns returns how many TCP connections the registry has accepted.
func (r *Registry) Conns() int { return int(r.conns.Load()) }

// Close stops the server and closes its client connections.
func (r *Registry) Close() {
	r.server.CloseClientConnections()
	r.server.Close()
}

// Log returns what the server received, in order.
func (r *Registry) Log() *ServerLog { return r.log }

// ServerLog records the requests a registry received.
type ServerLog struct {
	mu   sync.Mutex
	reqs []string
}

func (l *ServerLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.reqs = append(l.reqs, r.Method+" "+r.URL.Path)
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// Requests returns "METHOD /path" for each request so far.
func (l *ServerLog) Requests() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.reqs...)
}

// Reset forgets the requests so far (after pushing fixtures).
func (l *ServerLog) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = nil
}

// Delay sleeps d before serving each request: an injected round-trip time.
func Delay(d time.Duration) Middleware {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(d)
			h.ServeHTTP(w, r)
		})
	}
}

// Switch serves GET/HEAD requests whose path satisfies match with other
// while on() is true, and everything else with the registry. Pushes
// (PUT/POST/PATCH) always reach the registry.
func Switch(match func(path string) bool, on func() bool, other http.Handler) Middleware {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			read := r.Method == http.MethodGet || r.Method == http.MethodHead
			if read && match(r.URL.Path) && on() {
				other.ServeHTTP(w, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

// Always is an on() for Switch that is always true.
func Always() bool { return true }

// Flag is a concurrency-safe switch for Switch, armed by tests.
type Flag struct {
	mu sync.Mutex
	on bool
}

// Set arms or disarms the flag.
func (f *Flag) Set(on bool) { f.mu.Lock(); f.on = on; f.mu.Unlock() }

// On reports the flag.
func (f *Flag) On() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.on }

// PathIs matches one exact path.
func PathIs(p string) func(string) bool { return func(s string) bool { return s == p } }

// PathHasPrefix matches paths under a prefix.
func PathHasPrefix(p string) func(string) bool {
	return func(s string) bool { return strings.HasPrefix(s, p) }
}

// FlipAfterFirst serves the first GET of path after armed is set from the
// registry and every later one as if it were newPath: a tag that moves right
// after it was resolved (THREATS C1). Arm it once fixtures are pushed.
func FlipAfterFirst(path, newPath string, armed *Flag) Middleware {
	var mu sync.Mutex
	seen := false
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && r.URL.Path == path && armed.On() {
				mu.Lock()
				flip := seen
				seen = true
				mu.Unlock()
				if flip {
					r = r.Clone(r.Context())
					r.URL.Path = newPath
				}
			}
			h.ServeHTTP(w, r)
		})
	}
}

// TokenServer is a bearer token service that records the Authorization
// header of every token request it receives.
type TokenServer struct {
	Token string

	mu   sync.Mutex
	auth []string
}

// ServeHTTP issues Token to anyone, recording how they authenticated.
func (s *TokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.auth = append(s.auth, r.Header.Get("Authorization"))
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"token":"`+s.Token+`"}`)
}

// Authorizations returns the Authorization headers received, "" for none.
func (s *TokenServer) Authorizations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auth...)
}

// RequireBearer answers 401 with a Bearer challenge naming realm() to every
// /v2/ request without "Bearer token"; the realm is a func because a
// registry learns its own address only once it listens.
func RequireBearer(token string, realm func() string) Middleware {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/v2/") && r.Header.Get("Authorization") != "Bearer "+token {
				w.Header().Set("WWW-Authenticate", `Bearer realm="`+realm()+`",service="test-registry"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

// Mount serves path with h instead of the registry.
func Mount(path string, h http.Handler) Middleware {
	return Switch(PathIs(path), Always, h)
}

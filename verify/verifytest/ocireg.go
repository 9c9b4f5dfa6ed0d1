package verifytest

import (
	"net/http"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// The registry, its middleware and the request recorder live in
// internal/ocitest, which signs nothing (the demo seeder links it); these
// names keep verifytest's API whole.
type (
	// Middleware wraps the registry handler to inject faults or delays.
	Middleware = ocitest.Middleware
	// ServerLog records the requests a registry received.
	ServerLog = ocitest.ServerLog
	// Flag is a concurrency-safe switch for Switch, armed by tests.
	Flag = ocitest.Flag
	// TokenServer is a bearer token service that records the Authorization
	// header of every token request it receives.
	TokenServer = ocitest.TokenServer
	// Call is one request seen by a Recorder.
	Call = ocitest.Call
	// Recorder is a round tripper that records every request it carries.
	Recorder = ocitest.Recorder
)

// Registry is a real OCI registry served over plain HTTP on 127.0.0.1. It
// is ocitest's registry plus the signing helpers PushSigned and
// SeedScenarios.
type Registry struct{ *ocitest.Registry }

// NewRegistry starts a registry (with the OCI referrers API) behind the given
// middleware, outermost first. Close it when done.
func NewRegistry(mw ...Middleware) *Registry { return &Registry{ocitest.NewRegistry(mw...)} }

// Delay sleeps d before serving each request: an injected round-trip time.
func Delay(d time.Duration) Middleware { return ocitest.Delay(d) }

// Switch serves GET/HEAD requests whose path satisfies match with other
// while on() is true, and everything else with the registry.
func Switch(match func(path string) bool, on func() bool, other http.Handler) Middleware {
	return ocitest.Switch(match, on, other)
}

// Always is an on() for Switch that is always true.
func Always() bool { return true }

// PathIs matches one exact path.
func PathIs(p string) func(string) bool { return ocitest.PathIs(p) }

// PathHasPrefix matches paths under a prefix.
func PathHasPrefix(p string) func(string) bool { return ocitest.PathHasPrefix(p) }

// FlipAfterFirst serves the first GET of path after armed is set from the
// registry and every later one as if it were newPath (THREATS C1).
func FlipAfterFirst(path, newPath string, armed *Flag) Middleware {
	return ocitest.FlipAfterFirst(path, newPath, armed)
}

// RequireBearer answers 401 with a Bearer challenge naming realm() to every
// /v2/ request without "Bearer token".
func RequireBearer(token string, realm func() string) Middleware {
	return ocitest.RequireBearer(token, realm)
}

// Mount serves path with h instead of the registry.
func Mount(path string, h http.Handler) Middleware { return ocitest.Mount(path, h) }

// Depth is the number of sequential round trips among calls.
func Depth(calls []Call) int { return ocitest.Depth(calls) }

// Status answers every request with code.
func Status(code int) http.Handler { return ocitest.Status(code) }

// Hang holds every request until the client gives up (or max passes).
func Hang(max time.Duration) http.Handler { return ocitest.Hang(max) }

// Oversize serves n bytes of JSON-ish filler with an honest Content-Length.
func Oversize(n int) http.Handler { return ocitest.Oversize(n) }

// Endless streams filler with no Content-Length until the client hangs up
// (or max bytes).
func Endless(max int64) http.Handler { return ocitest.Endless(max) }

// Truncated promises declared bytes but sends only sent, then closes.
func Truncated(declared, sent int) http.Handler { return ocitest.Truncated(declared, sent) }

// Serve answers with fixed bytes and headers: a registry that lies.
func Serve(body []byte, contentType string, header map[string]string) http.Handler {
	return ocitest.Serve(body, contentType, header)
}

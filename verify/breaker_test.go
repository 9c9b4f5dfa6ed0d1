package verify_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// counting serves h on loopback and counts the requests that reach it.
func counting(t *testing.T, h http.Handler) (host string, n *atomic.Int32) {
	t.Helper()
	n = new(atomic.Int32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return strings.TrimPrefix(srv.URL, "http://"), n
}

// stalledBody sends headers and a little of a manifest, then stalls.
func stalledBody() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
		_, _ = w.Write([]byte(`{"schemaVersion":`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
}

// TestBreakerStopsAtBadRegistry is issue 9 item 5: after K consecutive
// timeouts or 5xx from one registry, later targets on it are undecided
// without a request, with the reason; a healthy registry still verifies.
func TestBreakerStopsAtBadRegistry(t *testing.T) {
	tests := []struct {
		name    string
		handler http.Handler
		first   string // reason of the targets that reached the registry
	}{
		{"tarpit", verifytest.Hang(10 * time.Second), "timed out after 100ms"},
		{"stalled body", stalledBody(), "timed out after 100ms"},
		{"503", verifytest.Status(http.StatusServiceUnavailable), "503 Service Unavailable"},
	}
	const k, targets = 3, 7
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := newFixture(t)
			d := good.push("a", pinA)
			good.sign("a", d, pinA)
			bad, reached := counting(t, tt.handler)
			v := good.verifier(verify.WithRequestTimeout(100*time.Millisecond), verify.WithBreaker(k))
			for i := range targets {
				res := run(t, v, verify.Target{Ref: fmt.Sprintf("%s/mcp/t%d:latest", bad, i), ExpectedCommit: pinA, Enforce: true})
				reason := tt.first
				if i >= k {
					reason = "registry " + bad + " not contacted: 3 consecutive timeouts or server errors"
				}
				want{verdict: verify.VerdictUndecided,
					checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
					reason: map[string]string{verify.CheckDigest: reason}}.assert(t, res)
			}
			if n := reached.Load(); n != k {
				t.Errorf("the bad registry received %d requests for %d targets, want %d (then the breaker)", n, targets, k)
			}
			want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, run(t, v, good.target("a", pinA)))
		})
	}
}

// TestBreakerCountsOnlyConsecutiveFailures: an answer in between resets the
// count, so a registry with occasional errors is never cut off.
func TestBreakerCountsOnlyConsecutiveFailures(t *testing.T) {
	var calls atomic.Int32
	flaky := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/manifests/latest") && calls.Add(1)%2 == 1 {
				http.Error(w, "flaky", http.StatusBadGateway)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	f := newFixture(t, flaky)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	v := f.verifier(verify.WithBreaker(2))
	verified := 0
	for range 6 {
		if run(t, v, f.target("a", pinA)).Verdict == verify.VerdictVerified {
			verified++
		}
	}
	if verified != 3 {
		t.Errorf("alternating 502 and success: %d of 6 verified, want 3 (the breaker must not open)", verified)
	}
}

// TestRunDeadlineIsNotARequestTimeout: when the caller's context ends, the
// reason is the caller's cause and the breaker does not count it.
func TestRunDeadlineIsNotARequestTimeout(t *testing.T) {
	bad, reached := counting(t, verifytest.Hang(10*time.Second))
	f := newFixture(t)
	v := f.verifier(verify.WithBreaker(1), verify.WithRequestTimeout(100*time.Millisecond))
	cause := errors.New("the run's --timeout of 50ms passed")
	ctx, cancel := context.WithTimeoutCause(context.Background(), 50*time.Millisecond, cause)
	defer cancel()
	res, err := v.Verify(ctx, verify.Target{Ref: bad + "/mcp/a:latest", ExpectedCommit: pinA, Enforce: true})
	if err != nil {
		t.Fatal(err)
	}
	want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
		reason: map[string]string{verify.CheckDigest: cause.Error()}}.assert(t, res)
	res = run(t, v, verify.Target{Ref: bad + "/mcp/b:latest", ExpectedCommit: pinA, Enforce: true})
	if c := res.Check(verify.CheckDigest); strings.Contains(c.Reason, "not contacted") {
		t.Errorf("the caller's deadline opened the breaker: %s", c.Reason)
	}
	if n := reached.Load(); n != 2 {
		t.Errorf("the registry received %d requests, want 2", n)
	}
}

// TestBreakerCoolsDown: an open circuit refuses every request for the
// cool-down, then lets exactly one trial through; a failed trial opens it
// for another cool-down, an answer closes it, so a long-lived Verifier (the
// TUI's) verifies again once the registry is back. The clock is injected.
func TestBreakerCoolsDown(t *testing.T) {
	var down verifytest.Flag
	var reached atomic.Int32
	count := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				reached.Add(1)
			}
			h.ServeHTTP(w, r)
		})
	}
	f := newFixture(t, count, verifytest.Switch(func(string) bool { return true }, down.On, verifytest.Status(http.StatusServiceUnavailable)))
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	v := f.verifier(verify.WithBreaker(2), verify.WithClock(clock))
	notContacted := "registry " + f.reg.Host + " not contacted"
	// step verifies "a" and checks the verdict, the digest check's reason
	// and how many requests reached the registry.
	step := func(what string, verdict verify.Verdict, reason string, requests int32) {
		t.Helper()
		reached.Store(0)
		res := run(t, v, f.target("a", pinA))
		c := res.Check(verify.CheckDigest)
		if res.Verdict != verdict || !strings.Contains(c.Reason, reason) || (requests >= 0 && reached.Load() != requests) {
			t.Errorf("%s: verdict %s, digest check %q, %d requests; want %s, %q, %d requests", what, res.Verdict, c.Reason, reached.Load(), verdict, reason, requests)
		}
	}
	down.Set(true)
	step("first 503", verify.VerdictUndecided, "503", -1)
	step("second 503", verify.VerdictUndecided, "503", -1)
	step("open", verify.VerdictUndecided, notContacted, 0)
	advance(verify.BreakerCooldown - time.Second)
	step("still cooling down", verify.VerdictUndecided, notContacted, 0)
	advance(time.Second)
	step("trial, registry still down", verify.VerdictUndecided, "503", 1)
	step("open again after the failed trial", verify.VerdictUndecided, notContacted, 0)
	advance(verify.BreakerCooldown)
	down.Set(false)
	step("trial, registry back", verify.VerdictVerified, "", -1)
	step("closed", verify.VerdictVerified, "", -1)
}

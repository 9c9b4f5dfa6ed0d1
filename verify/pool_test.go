package verify_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestVerifierReusesConnections: a Verifier keeps enough idle connections
// for verify --all's concurrency, so later rounds of parallel verifies
// reuse the connections of the first instead of dialling again (on a real
// network each new connection costs a TCP and a TLS handshake).
func TestVerifierReusesConnections(t *testing.T) {
	const images, rounds, parallel = 16, 4, 16
	f := newFixture(t, verifytest.Delay(5*time.Millisecond))
	var targets []verify.Target
	for i := range images {
		n := fmt.Sprintf("s%d", i)
		f.sign(n, f.push(n, pinA), pinA)
		targets = append(targets, f.target(n, pinA))
	}
	tests := []struct {
		name string
		opts []verify.Option
		// reuse says whether later rounds must reuse the first's pool.
		reuse bool
	}{
		{"default transport", nil, true},
		{"with a registry policy", []verify.Option{verify.WithRegistryPolicy(func(string) error { return nil })}, true},
		// The control: http.DefaultTransport's 2 idle connections per host.
		{"2 idle per host", []verify.Option{verify.WithTransport(http.DefaultTransport.(*http.Transport).Clone())}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := f.verifier(tt.opts...)
			var perRound []int
			for range rounds {
				before := f.reg.Conns()
				verifyParallel(t, v, targets, parallel)
				perRound = append(perRound, f.reg.Conns()-before)
			}
			t.Logf("new connections per round: %v", perRound)
			// Each round sends about 5 requests per image, up to 16 images at
			// once. A pool that keeps its connections dials for the first
			// round's peak (about 50) and afterwards only when a round's
			// peak is higher than any before, so the last round dials few
			// (about 50, 0, 0, 0); one that keeps 2 per host dials about as
			// many again every round (about 50, 50, 50, 50).
			if reused := perRound[rounds-1]*2 < perRound[0]; reused != tt.reuse {
				t.Errorf("new connections per round %v: reused=%v, want %v", perRound, reused, tt.reuse)
			}
		})
	}
}

// verifyParallel verifies targets, n at a time, and wants each verified.
func verifyParallel(t *testing.T, v *verify.Verifier, targets []verify.Target, n int) {
	t.Helper()
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	verdicts := make([]verify.Verdict, len(targets))
	for i, tg := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			verdicts[i] = run(t, v, tg).Verdict
		}()
	}
	wg.Wait()
	for i, vd := range verdicts {
		if vd != verify.VerdictVerified {
			t.Errorf("%s: %s, want verified", targets[i].Ref, vd)
		}
	}
}

// TestUnusedReferrersKeepTheirConnection: a referrers answer a little later
// than the classic signature's is waited for (for about a round trip), so
// its connection goes back to the pool; cancelling it at once closed one
// connection per verify, and every later verify dialled again. With
// WithSingleVerify (one verify, nothing to keep the connection for) it is
// cancelled at once.
func TestUnusedReferrersKeepTheirConnection(t *testing.T) {
	const verifies = 8
	slowReferrers := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/v2/mcp/signatures/referrers/") {
				time.Sleep(20 * time.Millisecond)
			}
			h.ServeHTTP(w, r)
		})
	}
	// The referrers answer comes 20 ms after the .sig manifest's: later than
	// the classic check (a few ms of CPU, more under -race), and well within
	// the grace (the 50 ms the .sig manifest took).
	f := newFixture(t, verifytest.Delay(50*time.Millisecond), slowReferrers)
	f.sign("a", f.push("a", pinA), pinA)
	tg := f.target("a", pinA)
	tests := []struct {
		name     string
		opts     []verify.Option
		min, max int // new connections over the verifies after the first
	}{
		{"kept for later verifies", nil, 0, 1},
		{"single verify", []verify.Option{verify.WithSingleVerify()}, verifies - 2, verifies},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := f.verifier(tt.opts...)
			run(t, v, tg)
			before := f.reg.Conns()
			for range verifies - 1 {
				if vd := run(t, v, tg).Verdict; vd != verify.VerdictVerified {
					t.Fatalf("verdict %s, want verified", vd)
				}
			}
			if n := f.reg.Conns() - before; n < tt.min || n > tt.max {
				t.Errorf("%d new connections over %d sequential verifies after the first, want %d to %d", n, verifies-1, tt.min, tt.max)
			}
		})
	}
}

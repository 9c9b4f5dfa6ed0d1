package verify_test

import (
	"fmt"
	"net/http"
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
	const images, rounds, parallel = 16, 3, 16
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
			later := 0
			for _, n := range perRound[1:] {
				later += n
			}
			t.Logf("new connections per round: %v", perRound)
			// Each round sends about 5 requests per image, up to 16 images at
			// once: a pool that keeps its connections needs few new ones after
			// the first round (about 50, 0, 0; slack for a busier peak), one
			// that keeps 2 per host dials about as many again every round
			// (about 50, 50, 50).
			if reused := later < perRound[0]; reused != tt.reuse {
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

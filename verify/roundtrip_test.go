package verify_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestVerifyRoundTrips counts requests through the WithTransport seam with
// a 20 ms delay per request: after authentication, one verify of a
// single-manifest image is at most 2 sequential round trips (tag manifest;
// then config beside the .sig manifest and the referrers list; the cosign
// payload is rebuilt, not fetched: TestVerifyPayloadGuessSavesARoundTrip),
// and an index is 3 (index; platforms beside the .sig manifest and
// referrers; configs). A fresh Verifier
// sends no separate GET /v2/ ping: it learns how to authenticate from the
// first answer (none is needed here), so a new process pays no extra trip.
// Build provenance adds no sequential trip (the budget is one): attestation
// manifests ride beside the platform manifests and their statements beside
// the configs, two more requests per attested platform.
func TestVerifyRoundTrips(t *testing.T) {
	tests := []struct {
		name       string
		index      bool
		provenance bool
		wantDepth  int
		wantCalls  int
	}{
		{name: "single manifest", wantDepth: 2, wantCalls: 4},
		{name: "two-platform index", index: true, wantDepth: 3, wantCalls: 7},
		{name: "two-platform index with provenance", index: true, provenance: true, wantDepth: 3, wantCalls: 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, verifytest.Delay(20*time.Millisecond))
			var d string
			tg := f.target("a", pinA)
			switch {
			case tt.provenance:
				d = f.attestedIndex(t, "a")
				tg.SourceRepo = sourceRepo
			case tt.index:
				d, _ = f.pushIndex("a", platforms(pinA, pinA), false)
			default:
				d = f.push("a", pinA)
			}
			f.sign("a", d, pinA)
			rec := &verifytest.Recorder{}
			res := run(t, f.verifier(verify.WithTransport(rec)), tg)
			checks := all(verify.StatusPass)
			if tt.provenance {
				checks[verify.CheckProvenance] = verify.StatusPass
			}
			want{verdict: verify.VerdictVerified, checks: checks}.assert(t, res)
			calls := rec.Calls()
			for _, c := range calls {
				if c.Path == "/v2/" || strings.HasPrefix(c.Path, "/token") {
					t.Errorf("Verify sent %s to an anonymous registry; a fresh process must not pay for a ping", c.Path)
				}
			}
			if testing.Verbose() {
				t.Logf("depth %d\n%s", verifytest.Depth(calls), callList(calls))
			}
			if got := verifytest.Depth(calls); got > tt.wantDepth {
				t.Errorf("Verify sequential round trips = %d, want <= %d\n%s", got, tt.wantDepth, callList(calls))
			}
			if len(calls) != tt.wantCalls {
				t.Errorf("Verify requests = %d, want %d\n%s", len(calls), tt.wantCalls, callList(calls))
			}
		})
	}
}

func callList(calls []verifytest.Call) string {
	var b strings.Builder
	t0 := calls[0].Start
	for _, c := range calls {
		b.WriteString(c.Start.Sub(t0).Round(time.Millisecond).String() + "-" + c.End.Sub(t0).Round(time.Millisecond).String() + " " + c.Method + " " + c.Path + "\n")
	}
	return b.String()
}

// TestVerifyNeverFetchesLayers: only manifests, configs and signature
// payloads are read; a foreign layer's URL is never dereferenced (C14).
func TestVerifyNeverFetchesLayers(t *testing.T) {
	f := newFixture(t)
	d, err := verifytest.PushImage(f.repo("a")+":latest", verifytest.Platform{
		Labels: verifytest.Revision(pinA), ForeignURL: "http://127.0.0.2:9/evil-layer"})
	if err != nil {
		t.Fatal(err)
	}
	f.sign("a", d, pinA)
	rec := &verifytest.Recorder{}
	res := run(t, f.verifier(verify.WithTransport(rec)), f.target("a", pinA))
	want{verdict: verify.VerdictVerified}.assert(t, res)
	blobs := 0
	for _, c := range rec.Calls() {
		if c.Host != f.reg.Host {
			t.Errorf("Verify requested %s, want nothing off the registry", c.URL)
		}
		if strings.Contains(c.Path, "/mcp/a/blobs/") {
			blobs++
		}
	}
	if blobs != 1 {
		t.Errorf("Verify fetched %d blobs of the image, want 1 (the config)\n%s", blobs, callList(rec.Calls()))
	}
}

// TestVerifyConcurrentUse: one Verifier serves many goroutines (run with
// -race).
func TestVerifyConcurrentUse(t *testing.T) {
	f := newFixture(t)
	var targets []verify.Target
	for _, n := range []string{"a", "b", "c", "d"} {
		d := f.push(n, pinA)
		f.sign(n, d, pinA)
		targets = append(targets, f.target(n, pinA))
	}
	v := f.verifier()
	results := make(chan *verify.Result, 4*len(targets))
	var wg sync.WaitGroup
	for range 4 {
		for _, tg := range targets {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := v.Verify(context.Background(), tg)
				if err != nil {
					t.Errorf("Verify(%s) error = %v", tg.Ref, err)
					return
				}
				results <- res
			}()
		}
	}
	wg.Wait()
	close(results)
	for res := range results {
		if res.Verdict != verify.VerdictVerified {
			t.Errorf("Verify(%s) = %s, want verified\n%s", res.Target.Ref, res.Verdict, dump(res))
		}
	}
}

// attestedIndex pushes a two-platform index with a SLSA v1 provenance
// attestation for each platform.
func (f *fixture) attestedIndex(t testing.TB, n string) string {
	d, _, err := verifytest.PushAttestedIndex(f.repo(n)+":latest", platforms(pinA, pinA), func(ds []string) ([]verifytest.Attestation, error) {
		var atts []verifytest.Attestation
		for i, p := range ds {
			atts = append(atts, verifytest.Attestation{Of: i, Layers: []verifytest.AttestationLayer{stmt(t, verifytest.SLSAProvenanceV1, p, sourceRepo, pinA)}})
		}
		return atts, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestVerifyPayloadGuessSavesARoundTrip: a fresh classic verify of a tag
// whose signature payload is the one cosign writes for it (rebuilt, so not
// fetched) costs one request and one sequential round trip less than the
// same verify of a signature with a payload the verifier cannot rebuild (an
// extra annotation), which is fetched as before. Both verify, and the
// rebuilt one never asks for a signature blob, so a registry that streams
// garbage for it cannot stall it.
func TestVerifyPayloadGuessSavesARoundTrip(t *testing.T) {
	var armed verifytest.Flag
	f := newFixture(t, verifytest.Delay(20*time.Millisecond), func(h http.Handler) http.Handler {
		return verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/signatures/blobs/"), armed.On, verifytest.Endless(1<<20))(h)
	})
	da := f.push("a", pinA)
	f.sign("a", da, pinA)
	db := f.push("b", pinA)
	f.pushSigs(db, f.newSig(verifytest.Claims{Digest: db, Reference: f.repo("b"), Revision: pinA, Extra: map[string]any{"build": "42"}}))

	sigBlobs := func(calls []verifytest.Call) int {
		n := 0
		for _, c := range calls {
			if strings.HasPrefix(c.Path, "/v2/mcp/signatures/blobs/") {
				n++
			}
		}
		return n
	}
	recA, recB := &verifytest.Recorder{}, &verifytest.Recorder{}
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, run(t, f.verifier(verify.WithTransport(recB)), f.target("b", pinA)))
	armed.Set(true) // from here on, a signature blob GET would fail the verify
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, run(t, f.verifier(verify.WithTransport(recA)), f.target("a", pinA)))
	a, b := recA.Calls(), recB.Calls()
	if n := sigBlobs(a); n != 0 {
		t.Errorf("cosign's own payload: %d signature blob requests, want 0\n%s", n, callList(a))
	}
	if n := sigBlobs(b); n != 1 {
		t.Errorf("payload with an extra annotation: %d signature blob requests, want 1\n%s", n, callList(b))
	}
	if len(b)-len(a) != 1 {
		t.Errorf("requests: rebuilt %d, fetched %d; want one fewer\n%s\n%s", len(a), len(b), callList(a), callList(b))
	}
	if da, db := verifytest.Depth(a), verifytest.Depth(b); db-da != 1 || da != 2 {
		t.Errorf("sequential round trips: rebuilt %d, fetched %d; want 2 and 3\n%s\n%s", da, db, callList(a), callList(b))
	}
}

// TestVerifyDoesNotWaitForUnusedReferrers: once a classic signature passed,
// the referrers list (asked for beside it, for sigstore bundles) is not
// used, so a referrers API that hangs does not hold the verify up; the
// request is abandoned and the verdict is the classic one.
func TestVerifyDoesNotWaitForUnusedReferrers(t *testing.T) {
	f := newFixture(t, func(h http.Handler) http.Handler {
		return verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/signatures/referrers/"), verifytest.Always, verifytest.Hang(10*time.Second))(h)
	})
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	start := time.Now()
	res := run(t, f.verifier(), f.target("a", pinA))
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("Verify took %v with a hanging referrers API, want it not to wait for the unused list", el)
	}
}

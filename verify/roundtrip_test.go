package verify_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestVerifyRoundTrips counts requests through the WithTransport seam with
// a 20 ms delay per request: after authentication, one verify of a
// single-manifest image is at most 3 sequential round trips (tag manifest;
// then config beside the .sig manifest and the referrers list; then
// signature payloads), and an index is also 3 (index; platforms beside the
// .sig manifest and referrers; configs beside payloads). A fresh Verifier
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
		{name: "single manifest", wantDepth: 3, wantCalls: 5},
		{name: "two-platform index", index: true, wantDepth: 3, wantCalls: 8},
		{name: "two-platform index with provenance", index: true, provenance: true, wantDepth: 3, wantCalls: 12},
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

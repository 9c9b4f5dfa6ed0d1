package hubworld

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

const pin = "1111111111111111111111111111111111111111"

// seeded is a world holding n signed images mcp/s0..mcp/s<n-1> and the keys
// that signed them.
type seeded struct {
	*World
	targets    []verify.Target
	key, rekor []byte
}

func seed(tb testing.TB, n int, rtt time.Duration) seeded {
	tb.Helper()
	w, err := Start(rtt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(w.Close)
	key, err := verifytest.NewKey()
	if err != nil {
		tb.Fatal(err)
	}
	rekor, err := verifytest.NewRekor()
	if err != nil {
		tb.Fatal(err)
	}
	s := seeded{World: w, targets: make([]verify.Target, n), key: key.PublicPEM(), rekor: rekor.PublicPEM()}
	for i := range s.targets {
		name := fmt.Sprintf("mcp/s%d", i)
		d, err := verifytest.PushImage(w.Backing()+"/"+name+":latest", verifytest.Platform{Labels: verifytest.Revision(pin)})
		if err != nil {
			tb.Fatal(err)
		}
		sig, err := key.NewSig(verifytest.Claims{Digest: d, Reference: w.Registry + "/" + name, Revision: pin}, rekor)
		if err != nil {
			tb.Fatal(err)
		}
		if err := verifytest.PushSignatures(w.Backing()+"/mcp/signatures", d, []verifytest.Sig{sig}); err != nil {
			tb.Fatal(err)
		}
		s.targets[i] = verify.Target{Ref: w.Registry + "/" + name + ":latest", ExpectedCommit: pin, Enforce: true}
	}
	return s
}

// process is what one mcptrust process has: a verifier over a transport
// with no connections yet.
type process struct {
	v      *verify.Verifier
	client *Client
	rec    *verifytest.Recorder
}

func (s seeded) newProcess(tb testing.TB, opts ...verify.Option) process {
	tb.Helper()
	c := s.NewClient()
	rec := &verifytest.Recorder{Inner: c}
	v, err := verify.New(append([]verify.Option{verify.WithKey(s.key), verify.WithRekorKeys(s.rekor),
		verify.WithKeychain(authn.NewMultiKeychain()), verify.WithTransport(rec)}, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.CloseIdleConnections)
	return process{v: v, client: c, rec: rec}
}

func verifyOne(v *verify.Verifier, tg verify.Target) error {
	res, err := v.Verify(context.Background(), tg)
	if err != nil {
		return err
	}
	if res.Verdict != verify.VerdictVerified {
		return fmt.Errorf("Verify(%s) = %s, want verified: %+v", tg.Ref, res.Verdict, res.Checks)
	}
	return nil
}

// TestOneTokenRequestPerVerify: a verify asks the token service once, for
// the image's and the signature repository's scopes together, and (Docker
// Hub's challenge being known) before any repository request, which
// therefore never meets a 401; it fetches blobs from the CDN without the
// registry's token, and a second verify in the same process reuses the
// connections and meets no 401 at all.
func TestOneTokenRequestPerVerify(t *testing.T) {
	for _, cached := range []bool{false, true} {
		t.Run(fmt.Sprintf("cache=%v", cached), func(t *testing.T) {
			var opts []verify.Option
			if cached { // the CLI's default: a miss checks the cache first
				opts = append(opts, verify.WithCache(verify.NewDirCache(t.TempDir())))
			}
			testOneTokenRequestPerVerify(t, opts...)
		})
	}
}

func testOneTokenRequestPerVerify(t *testing.T, opts ...verify.Option) {
	s := seed(t, 2, 0)
	p := s.newProcess(t, opts...)
	var firstDials int64
	for i, tg := range s.targets {
		s.Tokens.Reset()
		if err := verifyOne(p.v, tg); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstDials = p.client.Dials()
		}
		if n := s.Unauthorized(); n != 0 {
			t.Errorf("after verify %d the registry has answered 401 to %d repository requests, want 0", i, n)
		}
		reqs := s.Tokens.Requests()
		want := []string{fmt.Sprintf("mcp/s%d", i), "mcp/signatures"}
		if len(reqs) != 1 {
			t.Fatalf("verify %d: token requests = %d %q, want 1", i, len(reqs), reqs)
		}
		if got := slices.Sorted(slices.Values(reqs[0])); !slices.Equal(got, want) {
			t.Errorf("verify %d: token scopes = %q, want %q", i, got, want)
		}
	}
	var cdn int
	for _, c := range p.rec.Calls() {
		if c.Host == s.CDN {
			cdn++
			if c.Authorization != "" {
				t.Errorf("CDN request %s carried Authorization", c.Path)
			}
		}
		if c.Host == s.Auth && c.Authorization != "" {
			t.Errorf("anonymous token request carried Authorization")
		}
	}
	if cdn == 0 {
		t.Error("no blob was fetched from the CDN: the world does not redirect")
	}
	if d := p.client.Dials(); d != firstDials {
		t.Errorf("the second verify dialled %d new connections, want 0 (reuse)", d-firstDials)
	}
}

// BenchmarkHubVerify is one verify as a fresh process does it: no
// connections, no known challenge, every host 20 ms away; without a cache,
// and with an empty one (the CLI's default).
func BenchmarkHubVerify(b *testing.B) {
	for _, cached := range []bool{false, true} {
		b.Run(fmt.Sprintf("cache=%v", cached), func(b *testing.B) { benchHubVerify(b, cached) })
	}
}

func benchHubVerify(b *testing.B, cached bool) {
	const rtt = 20 * time.Millisecond
	s := seed(b, 1, rtt)
	var depth, reqs, dials, tokens int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		var opts []verify.Option
		if cached {
			opts = append(opts, verify.WithCache(verify.NewDirCache(b.TempDir())))
		}
		p := s.newProcess(b, opts...)
		s.Tokens.Reset()
		b.StartTimer()
		if err := verifyOne(p.v, s.targets[0]); err != nil {
			b.Fatal(err)
		}
		calls := p.rec.Calls()
		depth += verifytest.Depth(calls)
		reqs += len(calls)
		dials += int(p.client.Dials())
		tokens += len(s.Tokens.Requests())
	}
	n := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/n, "ms/verify")
	b.ReportMetric(float64(b.Elapsed())/n/float64(rtt), "rtt/verify")
	b.ReportMetric(float64(depth)/n, "seq-requests")
	b.ReportMetric(float64(reqs)/n, "requests")
	b.ReportMetric(float64(dials)/n, "dials")
	b.ReportMetric(float64(tokens)/n, "tokens")
}

// BenchmarkHubVerifyAll300 is `verify --all --concurrency 16` of 300 images
// by a fresh process, every host 20 ms away.
func BenchmarkHubVerifyAll300(b *testing.B) {
	const rtt = 20 * time.Millisecond
	s := seed(b, 300, rtt)
	var dials, tokens int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		p := s.newProcess(b)
		s.Tokens.Reset()
		b.StartTimer()
		if err := verifyAll(p.v, s.targets, 16); err != nil {
			b.Fatal(err)
		}
		dials += int(p.client.Dials())
		tokens += len(s.Tokens.Requests())
	}
	n := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/n, "ms/300")
	b.ReportMetric(float64(dials)/n, "dials")
	b.ReportMetric(float64(tokens)/n, "tokens")
}

func verifyAll(v *verify.Verifier, targets []verify.Target, n int) error {
	errs := make([]error, len(targets))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = verifyOne(v, tg)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestKnownChallengeChanged: when Docker Hub's challenge is no longer the
// one the verifier knows (here, another service), the token fetched ahead is
// dropped and the verify authenticates with the challenge the registry sent.
func TestKnownChallengeChanged(t *testing.T) {
	s := seed(t, 1, 0)
	s.Service.Store("registry-2.docker.io")
	p := s.newProcess(t)
	if err := verifyOne(p.v, s.targets[0]); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Tokens.Requests()); n != 2 {
		t.Errorf("token requests = %d, want 2 (the guess, then the real challenge)", n)
	}
}

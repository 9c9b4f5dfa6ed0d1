// Package verifybench measures verification against a loopback registry
// with an injected round-trip time, so the figures reflect the number of
// sequential round trips rather than the machine.
//
//	go test ./bench/verify -run '^$' -bench . -benchtime 5x
package verifybench

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// rtt is the injected delay per request: a registry 20 ms away.
const rtt = 20 * time.Millisecond

const pin = "1111111111111111111111111111111111111111"

// seed starts a delayed registry holding n signed single-platform images
// mcp/s0..mcp/s<n-1>, and returns it with their targets and a verifier.
func seed(b *testing.B, n int) (*verifytest.Registry, []verify.Target, *verify.Verifier) {
	b.Helper()
	w := seedWith(b, n, false)
	return w.reg, w.targets, w.v
}

// world is a seeded registry, its targets, the keys that signed them and a
// verifier trusting those keys.
type world struct {
	reg        *verifytest.Registry
	targets    []verify.Target
	key, rekor []byte
	v          *verify.Verifier
}

// seedWith is seed; with pinned each target also carries its digest, as the
// published catalog's mcp/x@sha256:... entries do.
func seedWith(b *testing.B, n int, pinned bool) world {
	b.Helper()
	var armed verifytest.Flag
	delay := verifytest.Delay(rtt)
	reg := verifytest.NewRegistry(func(h http.Handler) http.Handler {
		return verifytest.Switch(func(string) bool { return true }, armed.On, delay(h))(h)
	})
	b.Cleanup(reg.Close)
	key, err := verifytest.NewKey()
	if err != nil {
		b.Fatal(err)
	}
	rekor, err := verifytest.NewRekor()
	if err != nil {
		b.Fatal(err)
	}
	targets := make([]verify.Target, n)
	for i := range targets {
		repo := fmt.Sprintf("%s/mcp/s%d", reg.Host, i)
		d, err := verifytest.PushImage(repo+":latest", verifytest.Platform{Labels: verifytest.Revision(pin)})
		if err != nil {
			b.Fatal(err)
		}
		if err := key.SignImage(reg.Host+"/mcp/signatures", repo, d, pin, rekor); err != nil {
			b.Fatal(err)
		}
		targets[i] = verify.Target{Ref: repo + ":latest", ExpectedCommit: pin, Enforce: true}
		if pinned {
			targets[i].CatalogDigest = d
		}
	}
	armed.Set(true)
	v, err := verify.New(verify.WithKey(key.PublicPEM()), verify.WithRekorKeys(rekor.PublicPEM()),
		verify.WithKeychain(authn.NewMultiKeychain()))
	if err != nil {
		b.Fatal(err)
	}
	return world{reg: reg, targets: targets, key: key.PublicPEM(), rekor: rekor.PublicPEM(), v: v}
}

// verifyOne verifies tg and says why it is not verified.
func verifyOne(v *verify.Verifier, tg verify.Target) error {
	res, err := v.Verify(context.Background(), tg)
	if err != nil {
		return err
	}
	if res.Verdict != verify.VerdictVerified {
		return fmt.Errorf("Verify(%s) = %s, want verified", tg.Ref, res.Verdict)
	}
	return nil
}

// verifyAll verifies targets with at most n in flight and returns the first
// problem.
func verifyAll(v *verify.Verifier, targets []verify.Target, n int) error {
	errs := make([]error, len(targets))
	pool.Run(n, len(targets), func(i int) { errs[i] = verifyOne(v, targets[i]) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkVerify is one verify of a signed single-manifest image at 20 ms
// per request: 3 sequential round trips, so about 60 ms.
func BenchmarkVerify(b *testing.B) {
	_, targets, v := seed(b, 1)
	if err := verifyOne(v, targets[0]); err != nil { // warm the ping cache
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := verifyOne(v, targets[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyAll300 verifies 300 signed images with 16 at a time, as
// `verify --all --concurrency 16` would; the goal is under 3 s at 20 ms.
func BenchmarkVerifyAll300(b *testing.B) {
	_, targets, v := seed(b, 300)
	b.ResetTimer()
	for range b.N {
		if err := verifyAll(v, targets, 16); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/300")
}

package verifybench

import (
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/mcp-trust/mcp-trust/verify"
)

// BenchmarkVerifyAll300Cache is `verify --all --concurrency 16` of 300
// signed images at 20 ms per request, warm verdict cache against
// --no-cache, in the same run. Each iteration uses a fresh Verifier (a new
// process). "pinned" is the published catalog (mcp/x@sha256:...); "tag" is
// a registry checkout's mcp/x (the digest last verified is guessed). A warm
// run sends two HEADs in parallel for either. Goal: warm <= 0.5 s and
// <= 0.3x no-cache.
//
// The baseline in the same run, "2idle", is the warm run over a transport
// configured like http.DefaultTransport (2 idle connections per host), the
// verifier's transport before its pool was sized for the concurrency.
func BenchmarkVerifyAll300Cache(b *testing.B) {
	for _, pinned := range []bool{true, false} {
		name := "tag"
		if pinned {
			name = "pinned"
		}
		b.Run(name, func(b *testing.B) {
			w := seedWith(b, 300, pinned)
			targets, key, rekor := w.targets, w.key, w.rekor
			dir := b.TempDir()
			mk := func(cache, twoIdle bool) *verify.Verifier {
				opts := []verify.Option{verify.WithKey(key), verify.WithRekorKeys(rekor), verify.WithKeychain(authn.NewMultiKeychain())}
				if cache {
					opts = append(opts, verify.WithCache(verify.NewDirCache(dir)))
				}
				if twoIdle {
					opts = append(opts, verify.WithTransport(http.DefaultTransport.(*http.Transport).Clone()))
				}
				v, err := verify.New(opts...)
				if err != nil {
					b.Fatal(err)
				}
				return v
			}
			if err := verifyAll(mk(true, false), targets, 16); err != nil { // fill the cache
				b.Fatal(err)
			}
			var cpu time.Duration // of the warm passes, registry included
			timed := func(v *verify.Verifier, count bool) time.Duration {
				t0, c0 := time.Now(), cpuTime()
				if err := verifyAll(v, targets, 16); err != nil {
					b.Fatal(err)
				}
				if count {
					cpu += cpuTime() - c0
				}
				return time.Since(t0)
			}
			var cold, warm, base time.Duration
			b.ResetTimer()
			for range b.N {
				cold += timed(mk(false, false), false)
				base += timed(mk(true, true), false)
				warm += timed(mk(true, false), true)
			}
			n := time.Duration(b.N)
			b.ReportMetric(float64((cold / n).Milliseconds()), "ms-nocache/300")
			b.ReportMetric(float64((warm / n).Milliseconds()), "ms-warm/300")
			b.ReportMetric(float64((base / n).Milliseconds()), "ms-warm-2idle/300")
			b.ReportMetric(float64((cpu / n).Milliseconds()), "cpu-ms-warm/300")
			b.ReportMetric(float64(warm)/float64(cold), "warm/nocache")
			b.ReportMetric(float64(warm)/float64(base), "warm/2idle")
		})
	}
}

// cpuTime is the CPU this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

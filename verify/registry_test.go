package verify_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestVerifyTagMovedAfterResolution is THREATS C1: the tag flips right
// after the first lookup; the verdict and the ref to run use the first
// digest, and the tag is never asked for again.
func TestVerifyTagMovedAfterResolution(t *testing.T) {
	var armed verifytest.Flag
	f := newFixture(t, verifytest.FlipAfterFirst("/v2/mcp/a/manifests/latest", "/v2/mcp/a/manifests/evil", &armed))
	d1 := f.push("a", pinA)
	f.sign("a", d1, pinA)
	d2, err := verifytest.PushImage(f.repo("a")+":evil", verifytest.Platform{Labels: verifytest.Revision(pinB)})
	if err != nil {
		t.Fatal(err)
	}
	armed.Set(true)
	f.reg.Log().Reset()
	res := run(t, f.verifier(), f.target("a", pinA))
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
	if res.Digest != d1 || res.Ref != f.repo("a")+"@"+d1 {
		t.Errorf("Verify = digest %s ref %s, want the first digest %s (not %s)", res.Digest, res.Ref, d1, d2)
	}
	tagGets := 0
	for _, r := range f.reg.Log().Requests() {
		if strings.HasSuffix(r, "/manifests/latest") {
			tagGets++
		}
	}
	if tagGets != 1 {
		t.Errorf("Verify requested the tag %d times, want once\n%s", tagGets, strings.Join(f.reg.Log().Requests(), "\n"))
	}
}

// TestVerifyCatalogDigestWithMovedTag: when the catalog pins a digest, that
// digest is verified and the tag's new digest is reported beside it.
func TestVerifyCatalogDigestWithMovedTag(t *testing.T) {
	f := newFixture(t)
	d1 := f.push("a", pinA)
	f.sign("a", d1, pinA)
	d2 := f.push("a", pinB) // the tag moves on to an unsigned build
	tg := f.target("a", pinA)
	tg.CatalogDigest = d1
	res := run(t, f.verifier(), tg)
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass),
		reason: map[string]string{verify.CheckDigest: "tag latest now points to " + d2}}.assert(t, res)
	if res.Digest != d1 || res.TagDigest != d2 || !res.Moved || res.Ref != f.repo("a")+"@"+d1 {
		t.Errorf("Verify = digest %s tag digest %s moved %v ref %s, want %s %s true %s@%s",
			res.Digest, res.TagDigest, res.Moved, res.Ref, d1, d2, f.repo("a"), d1)
	}
	tg.Ref = f.repo("a") + ":latest@" + d1 // a digest in the ref works the same
	tg.CatalogDigest = ""
	if res := run(t, f.verifier(), tg); res.Digest != d1 || !res.Moved {
		t.Errorf("Verify(%s) = digest %s moved %v, want %s true", tg.Ref, res.Digest, res.Moved, d1)
	}
}

// TestVerifyRegistryFaults covers THREATS C2 and C10 and the undecided
// verdict: the registry lies, floods or fails.
func TestVerifyRegistryFaults(t *testing.T) {
	tests := []struct {
		name    string
		fault   verifytest.Middleware // armed once fixtures are pushed
		catalog bool                  // pin the catalog digest
		// fetched signs with an extra annotation: a payload the verifier
		// cannot rebuild, so it must read the blob (payloadguess.go)
		fetched bool
		opts    []verify.Option
		want    want
	}{
		{
			name: "tampered bytes for a pinned digest (C2)",
			fault: verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/a/manifests/sha256:"), verifytest.Always,
				verifytest.Serve([]byte(`{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{}}`),
					"application/vnd.oci.image.manifest.v1+json", nil)),
			catalog: true,
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusFail},
				reason: map[string]string{verify.CheckDigest: "digest mismatch"}},
		},
		{
			name: "lying Docker-Content-Digest on the tag (C2)",
			fault: verifytest.Switch(verifytest.PathIs("/v2/mcp/a/manifests/latest"), verifytest.Always,
				verifytest.Serve([]byte(`{"schemaVersion":2}`), "application/vnd.oci.image.manifest.v1+json",
					map[string]string{"Docker-Content-Digest": "sha256:" + strings.Repeat("ab", 32)})),
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusFail},
				reason: map[string]string{verify.CheckDigest: "digest mismatch: registry says"}},
		},
		{
			name:  "oversize manifest (C10)",
			fault: verifytest.Switch(verifytest.PathIs("/v2/mcp/a/manifests/latest"), verifytest.Always, verifytest.Oversize(5<<20)),
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
				reason: map[string]string{verify.CheckDigest: "exceeds the 4 MiB limit"}},
		},
		{
			name:  "endless config body (C10)",
			fault: verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/a/blobs/"), verifytest.Always, verifytest.Endless(1<<30)),
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusError},
				reason: map[string]string{verify.CheckRevisionLabel: "exceeds the 4 MiB limit"}},
		},
		{
			name:    "endless signature payload (C10)",
			fault:   verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/signatures/blobs/"), verifytest.Always, verifytest.Endless(1<<30)),
			fetched: true,
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusError},
				reason: map[string]string{verify.CheckSignature: "exceeds the 4 MiB limit"}},
		},
		{
			name:  "registry 500",
			fault: verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/a/manifests/"), verifytest.Always, verifytest.Status(http.StatusInternalServerError)),
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
				reason: map[string]string{verify.CheckDigest: "500 Internal Server Error"}},
		},
		{
			name:  "signature repository 503",
			fault: verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/signatures/"), verifytest.Always, verifytest.Status(http.StatusServiceUnavailable)),
			want:  want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusError, verify.CheckRevisionLabel: verify.StatusPass}},
		},
		{
			name:  "registry hangs until the client gives up",
			fault: verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/a/manifests/"), verifytest.Always, verifytest.Hang(10*time.Second)),
			opts:  []verify.Option{verify.WithRequestTimeout(200 * time.Millisecond)},
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
				reason: map[string]string{verify.CheckDigest: "timed out after 200ms"}},
		},
		{
			name:  "truncated manifest body",
			fault: verifytest.Switch(verifytest.PathIs("/v2/mcp/a/manifests/latest"), verifytest.Always, verifytest.Truncated(1000, 10)),
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
				reason: map[string]string{verify.CheckDigest: "unexpected EOF"}},
		},
		{
			name:  "image not found",
			fault: verifytest.Switch(verifytest.PathIs("/v2/mcp/a/manifests/latest"), verifytest.Always, verifytest.Status(http.StatusNotFound)),
			want: want{verdict: verify.VerdictUndecided, checks: map[string]verify.Status{verify.CheckDigest: verify.StatusError},
				reason: map[string]string{verify.CheckDigest: "not found"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var armed verifytest.Flag
			f := newFixture(t, func(h http.Handler) http.Handler {
				return verifytest.Switch(func(string) bool { return true }, armed.On, tt.fault(h))(h)
			})
			d := f.push("a", pinA)
			if tt.fetched {
				f.pushSigs(d, f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA, Extra: map[string]any{"build": "42"}}))
			} else {
				f.sign("a", d, pinA)
			}
			tg := f.target("a", pinA)
			if tt.catalog {
				tg.CatalogDigest = d
			}
			armed.Set(true)
			f.reg.Log().Reset()
			res := run(t, f.verifier(tt.opts...), tg)
			// A fault ends the check at once: nothing is asked twice (no
			// retry loop). Speed is not timed here; the hang case's reason
			// proves the request timeout, not the server, ended the wait.
			seen := map[string]bool{}
			for _, r := range f.reg.Log().Requests() {
				if seen[r] {
					t.Errorf("Verify asked %s more than once under a fault", r)
				}
				seen[r] = true
			}
			tt.want.assert(t, res)
			if testing.Verbose() {
				t.Log("\n" + dump(res))
			}
		})
	}
}

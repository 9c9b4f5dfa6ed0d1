package verify_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// pushBundle signs digest in cosign v3's bundle layout and attaches it as a
// referrer in mcp/signatures.
func (f *fixture) pushBundle(n, digest string, c verifytest.BundleClaims, key *verifytest.Key, rekor *verifytest.Rekor) {
	f.t.Helper()
	b, err := key.NewBundle(c, rekor)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := verifytest.PushBundle(f.sigRepo(), f.repo(n), digest, b); err != nil {
		f.t.Fatal(err)
	}
}

// TestVerifyBundleLayout covers cosign v3's sigstore bundle stored as an OCI
// referrer of the image digest in the signature repository (cosign's
// TestSignVerifyWithRepoOverride layout), verified with cosign's
// VerifyNewBundle.
func TestVerifyBundleLayout(t *testing.T) {
	rev := func(r string) map[string]string { return map[string]string{verifytest.RevisionLabel: r} }
	tests := []struct {
		name  string
		mw    []verifytest.Middleware
		setup func(f *fixture, d string)
		opts  []verify.Option
		want  want
	}{
		{
			name: "bundle referrer verifies",
			setup: func(f *fixture, d string) {
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d, Annotations: rev(pinA)}, f.key, f.rekor)
			},
			want: want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass),
				reason: map[string]string{verify.CheckSignature: "sigstore bundle referrer", verify.CheckTlog: "inclusion proof"}},
		},
		{
			name: "bundle with another revision",
			setup: func(f *fixture, d string) {
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d, Annotations: rev(pinOld)}, f.key, f.rekor)
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: `signed revision "` + pinOld + `"`}},
		},
		{
			name: "bundle without revision",
			setup: func(f *fixture, d string) {
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d}, f.key, f.rekor)
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "no org.opencontainers.image.revision annotation"}},
		},
		{
			name: "bundle signed by another key",
			setup: func(f *fixture, d string) {
				other, err := verifytest.NewKey()
				if err != nil {
					f.t.Fatal(err)
				}
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d, Annotations: rev(pinA)}, other, f.rekor)
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "bundle signature does not verify under the key"}},
		},
		{
			name: "bundle for another digest attached to this one (C3)",
			setup: func(f *fixture, d string) {
				other := f.push("other", pinA)
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: other, Annotations: rev(pinA)}, f.key, f.rekor)
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "bundle is not for"}},
		},
		{
			name: "bundle logged by another Rekor",
			setup: func(f *fixture, d string) {
				otherLog, err := verifytest.NewRekor()
				if err != nil {
					f.t.Fatal(err)
				}
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d, Annotations: rev(pinA)}, f.key, otherLog)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusPass, verify.CheckTlog: verify.StatusFail}},
		},
		{
			name: "bundle logged by another Rekor with --insecure-ignore-tlog",
			setup: func(f *fixture, d string) {
				otherLog, err := verifytest.NewRekor()
				if err != nil {
					f.t.Fatal(err)
				}
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d, Annotations: rev(pinA)}, f.key, otherLog)
			},
			opts: []verify.Option{verify.WithInsecureIgnoreTlog()},
			want: want{verdict: verify.VerdictVerified, checks: map[string]verify.Status{verify.CheckTlog: verify.StatusSkip}},
		},
		{
			name: "registry without referrers API: sha256-<hex> fallback tag",
			mw: []verifytest.Middleware{verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/signatures/referrers/"),
				verifytest.Always, verifytest.Status(http.StatusNotFound))},
			setup: func(f *fixture, d string) {
				f.pushBundle("a", d, verifytest.BundleClaims{Digest: d, Annotations: rev(pinA)}, f.key, f.rekor)
			},
			want: want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.mw...)
			d := f.push("a", pinA)
			tt.setup(f, d)
			f.reg.Log().Reset()
			res := run(t, f.verifier(tt.opts...), f.target("a", pinA))
			tt.want.assert(t, res)
			if tt.mw != nil && !requested(f, "/v2/mcp/signatures/manifests/"+strings.Replace(d, ":", "-", 1)) {
				t.Errorf("Verify did not read the referrers fallback tag\n%s", strings.Join(f.reg.Log().Requests(), "\n"))
			}
			if testing.Verbose() {
				t.Log("\n" + dump(res))
			}
		})
	}
}

// requested reports whether the registry saw a GET of path.
func requested(f *fixture, path string) bool {
	for _, r := range f.reg.Log().Requests() {
		if r == "GET "+path {
			return true
		}
	}
	return false
}

package verify_test

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
)

// TestVerifyFacts: what a lock file records comes from the verification
// itself: the key's fingerprint, the platforms checked and the log index of
// the signature whose Rekor proof passed (none when the log was skipped).
func TestVerifyFacts(t *testing.T) {
	f := newFixture(t)
	d, ds := f.pushIndex("a", platforms(pinA, pinA), true)
	f.sign("a", d, pinA)
	res := run(t, f.verifier(), f.target("a", pinA))
	want{verdict: verify.VerdictVerified}.assert(t, res)
	if got, wantKey := res.Facts.SignerKey, "sha256:"+f.key.LogID(); got != wantKey {
		t.Errorf("Facts.SignerKey = %q, want %q", got, wantKey)
	}
	if got := res.Facts.Platforms; len(got) != 2 || got["linux/amd64"] != ds[0] || got["linux/arm64"] != ds[1] {
		t.Errorf("Facts.Platforms = %v, want linux/amd64=%s linux/arm64=%s", got, ds[0], ds[1])
	}
	if li := res.Facts.RekorLogIndex; li == nil || *li != 1001 {
		t.Errorf("Facts.RekorLogIndex = %v, want 1001 (the test log's first entry)", li)
	}
	res = run(t, f.verifier(verify.WithInsecureIgnoreTlog()), f.target("a", pinA))
	if res.Facts.RekorLogIndex != nil {
		t.Errorf("Facts.RekorLogIndex = %d with the log skipped, want nil", *res.Facts.RekorLogIndex)
	}
}

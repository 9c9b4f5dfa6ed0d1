package verify_test

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
)

func TestVerifyGood(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	res := run(t, f.verifier(), f.target("a", pinA))
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
	if res.Digest != d || res.Ref != f.repo("a")+"@"+d {
		t.Errorf("Verify = digest %s ref %s, want %s and %s@%s", res.Digest, res.Ref, d, f.repo("a"), d)
	}
	t.Log("\n" + dump(res))
}

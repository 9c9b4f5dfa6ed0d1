package verify_test

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestVerifyTransparencyLog is THREATS C13 for the classic layout: the
// Rekor bundle is required, verified offline, and must belong to this
// signature and key.
func TestVerifyTransparencyLog(t *testing.T) {
	runCases(t, []singleCase{
		{
			name: "missing bundle",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				s.Bundle = nil
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusPass, verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "no Rekor bundle"}},
		},
		{
			name: "missing bundle with --insecure-ignore-tlog",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				s.Bundle = nil
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			opts: []verify.Option{verify.WithInsecureIgnoreTlog()},
			want: want{verdict: verify.VerdictVerified,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusPass, verify.CheckTlog: verify.StatusSkip},
				reason: map[string]string{verify.CheckTlog: "transparency log check skipped (--insecure-ignore-tlog)"}},
		},
		{
			name: "bundle signed by another Rekor key (C13)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				otherLog, err := verifytest.NewRekor()
				if err != nil {
					t.Fatal(err)
				}
				s, err := f.key.NewSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA}, otherLog)
				if err != nil {
					t.Fatal(err)
				}
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusPass, verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "Rekor bundle does not verify"}},
		},
		{
			name: "bundle lifted from another signature (C13)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				other := f.push("other", pinB)
				donor := f.newSig(verifytest.Claims{Digest: other, Reference: f.repo("other"), Revision: pinB})
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				s.Bundle = donor.Bundle
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusPass, verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "signature in bundle does not match"}},
		},
		{
			name: "bundle with a forged SET (C13)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				s.Bundle.Payload.LogIndex++ // the SET no longer covers the payload
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "unable to verify SET"}},
		},
		{
			name: "malformed bundle annotation",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				s.Bundle, s.RawBundle = nil, "{not json"
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusPass, verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "parsing Rekor bundle"}},
		},
	})
}

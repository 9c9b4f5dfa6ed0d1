package verify_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
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
					f.t.Fatal(err)
				}
				s, err := f.key.NewSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA}, otherLog)
				if err != nil {
					f.t.Fatal(err)
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
			name: "bundle naming another key (C13)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				other, err := verifytest.NewKey()
				if err != nil {
					f.t.Fatal(err)
				}
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				f.relog(s, "publicKey", base64.StdEncoding.EncodeToString(other.PublicPEM()))
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "Rekor bundle does not verify"}},
		},
		{
			name: "bundle for another payload (C13)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				s := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				f.relog(s, "hash", strings.Repeat("ab", 32))
				f.pushSigs(d, s)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckTlog: verify.StatusFail},
				reason: map[string]string{verify.CheckTlog: "Rekor bundle does not verify"}},
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

// relog rewrites one field of the hashedrekord entry in s's bundle and has
// the trusted log sign the result: a log entry that is genuine but about
// another key or payload. field is "publicKey" or "hash".
func (f *fixture) relog(s verifytest.Sig, field, value string) {
	f.t.Helper()
	raw, err := base64.StdEncoding.DecodeString(s.Bundle.Payload.Body.(string))
	if err != nil {
		f.t.Fatal(err)
	}
	var e struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Spec       struct {
			Data struct {
				Hash struct {
					Algorithm string `json:"algorithm"`
					Value     string `json:"value"`
				} `json:"hash"`
			} `json:"data"`
			Signature struct {
				Content   string `json:"content"`
				PublicKey struct {
					Content string `json:"content"`
				} `json:"publicKey"`
			} `json:"signature"`
		} `json:"spec"`
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		f.t.Fatal(err)
	}
	if field == "hash" {
		e.Spec.Data.Hash.Value = value
	} else {
		e.Spec.Signature.PublicKey.Content = value
	}
	body, _ := json.Marshal(e)
	s.Bundle.Payload.Body = base64.StdEncoding.EncodeToString(body)
	set, err := f.rekor.SET(s.Bundle.Payload)
	if err != nil {
		f.t.Fatal(err)
	}
	s.Bundle.SignedEntryTimestamp = set
}

package verify_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
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
	if res.Moved || res.TagDigest != "" || !res.CustomKey || res.TlogSkipped {
		t.Errorf("Verify = moved %v tag digest %q custom key %v tlog skipped %v, want false, \"\", true, false",
			res.Moved, res.TagDigest, res.CustomKey, res.TlogSkipped)
	}
}

// TestVerifySingleImage is THREATS C3-C7, C12 and C13 on a single-platform
// image: each case builds the registry state, then verifies mcp/a pinned
// to pinA.
func TestVerifySingleImage(t *testing.T) {
	runCases(t, []singleCase{
		{
			name: "label mismatch",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinB)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail, verify.CheckSignature: verify.StatusPass},
				reason: map[string]string{verify.CheckRevisionLabel: `built from "` + pinB + `", catalog pins ` + pinA}},
		},
		{
			name: "missing label",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", "")
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail},
				reason: map[string]string{verify.CheckRevisionLabel: "no revision label"}},
		},
		{
			name: "label with whitespace is not trimmed (C12)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", " "+pinA+"\n")
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail}},
		},
		{
			name: "unsigned (C7)",
			setup: func(f *fixture) verify.Target {
				f.push("a", pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail, verify.CheckTlog: verify.StatusSkip},
				reason: map[string]string{verify.CheckSignature: "no signatures"}},
		},
		{
			name: "wrong key (C6a)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				other, err := verifytest.NewKey()
				if err != nil {
					f.t.Fatal(err)
				}
				if err := other.SignImage(f.sigRepo(), f.repo("a"), d, pinA, f.rekor); err != nil {
					f.t.Fatal(err)
				}
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "1 signature, none valid: signature does not verify under the key"}},
		},
		{
			name: "signature replayed from another digest (C3)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				other := f.push("other", pinA)
				f.pushSigs(d, f.newSig(verifytest.Claims{Digest: other, Reference: f.repo("a"), Revision: pinA}))
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "signature is for sha256:"}},
		},
		{
			name: "cross-image substitution (C4)",
			setup: func(f *fixture) verify.Target {
				f.push("a", pinA)
				b := f.push("b", pinB)
				f.sign("b", b, pinB)
				// B's signed manifest now served under A's tag.
				if err := verifytest.Copy(f.repo("b")+":latest", f.repo("a")+":latest"); err != nil {
					f.t.Fatal(err)
				}
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail, verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "identity mismatch: signed for"}},
		},
		{
			name: "revision annotation mismatch",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				f.sign("a", d, pinOld)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusPass, verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: `signed revision "` + pinOld + `"`}},
		},
		{
			name: "rollback to an older signed build (C5)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinOld)
				f.sign("a", d, pinOld)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail, verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckRevisionLabel: `built from "` + pinOld + `", catalog pins ` + pinA}},
		},
		{
			name: "one valid and three garbage signatures (C6b)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				good := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
				f.pushSigs(d, verifytest.Garbage(1), good, verifytest.Garbage(2), verifytest.Garbage(3))
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass),
				reason: map[string]string{verify.CheckSignature: "1 of 4 signatures valid"}},
		},
		{
			name: "only a valid signature for the wrong digest (C6c)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				f.pushSigs(d, f.newSig(verifytest.Claims{Digest: "sha256:" + pinOld + pinOld[:24], Reference: f.repo("a"), Revision: pinA}))
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail}},
		},
		{
			name: "101 signatures (C10)",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				sigs := make([]verifytest.Sig, 101)
				for i := range sigs {
					sigs[i] = verifytest.Garbage(i)
				}
				f.pushSigs(d, sigs...)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictUndecided,
				checks: map[string]verify.Status{verify.CheckSignature: verify.StatusError},
				reason: map[string]string{verify.CheckSignature: "too many signatures: 101, limit 100"}},
		},
		{
			name: "uppercase pin is not canonical",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				f.sign("a", d, pinA)
				return f.target("a", "ABCDEF1111111111111111111111111111111111")
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckPin: verify.StatusFail},
				reason: map[string]string{verify.CheckPin: "not canonical"}},
		},
		{
			name: "missing pin on an enforced image",
			setup: func(f *fixture) verify.Target {
				d := f.push("a", pinA)
				f.sign("a", d, pinA)
				return f.target("a", "")
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckPin: verify.StatusFail}},
		},
		{
			name: "publisher image without signature is not enforceable",
			setup: func(f *fixture) verify.Target {
				d, err := verifytest.PushImage(f.reg.Host+"/acme/server:1.0", verifytest.Platform{Labels: verifytest.Revision(pinA)})
				if err != nil || d == "" {
					f.t.Fatal(err)
				}
				return verify.Target{Ref: f.reg.Host + "/acme/server:1.0", ExpectedCommit: pinA}
			},
			want: want{verdict: verify.VerdictNotEnforceable,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusPass, verify.CheckSignature: verify.StatusSkip},
				reason: map[string]string{verify.CheckSignature: "publisher image, not enforced: no signatures"}},
		},
		{
			name: "publisher image without pin or label is not enforceable",
			setup: func(f *fixture) verify.Target {
				if _, err := verifytest.PushImage(f.reg.Host+"/acme/server:1.0", verifytest.Platform{}); err != nil {
					f.t.Fatal(err)
				}
				return verify.Target{Ref: f.reg.Host + "/acme/server:1.0"}
			},
			want: want{verdict: verify.VerdictNotEnforceable,
				checks: map[string]verify.Status{verify.CheckPin: verify.StatusSkip, verify.CheckDigest: verify.StatusPass}},
		},
		{
			name: "publisher image with a label that contradicts the pin fails",
			setup: func(f *fixture) verify.Target {
				if _, err := verifytest.PushImage(f.reg.Host+"/acme/server:1.0", verifytest.Platform{Labels: verifytest.Revision(pinB)}); err != nil {
					f.t.Fatal(err)
				}
				return verify.Target{Ref: f.reg.Host + "/acme/server:1.0", ExpectedCommit: pinA}
			},
			want: want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail}},
		},
	})
}

// singleCase builds registry state for one verify of a target.
type singleCase struct {
	name  string
	setup func(f *fixture) verify.Target
	opts  []verify.Option
	want  want
}

// runCases runs each case against a fresh registry, key and log.
func runCases(t *testing.T, cases []singleCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			res := run(t, f.verifier(tt.opts...), tt.setup(f))
			tt.want.assert(t, res)
			if testing.Verbose() {
				t.Log("\n" + dump(res))
			}
		})
	}
}

// TestVerifyIgnoreTlogFlagsResult: a skipped tlog is visible in the result.
func TestVerifyIgnoreTlogFlagsResult(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	res := run(t, f.verifier(verify.WithInsecureIgnoreTlog()), f.target("a", pinA))
	if !res.TlogSkipped || res.Verdict != verify.VerdictVerified {
		t.Errorf("Verify with ignore-tlog = tlog skipped %v verdict %s, want true verified", res.TlogSkipped, res.Verdict)
	}
}

// TestVerifyCustomKeyFlagged: C8. Any key but Docker's embedded one is
// flagged; the embedded key is not.
func TestVerifyCustomKeyFlagged(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	if res := run(t, f.verifier(), f.target("a", pinA)); !res.CustomKey {
		t.Errorf("Verify with a test key: CustomKey = false, want true")
	}
	docker := f.verifier(verify.WithKey(verify.DockerMCPKey()))
	res := run(t, docker, f.target("a", pinA))
	if res.CustomKey {
		t.Errorf("Verify with the embedded Docker key: CustomKey = true, want false")
	}
	want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail}}.assert(t, res)
}

// TestVerifyGarbageSignatureShapes: signatures that are not even well formed
// never pass and never crash.
func TestVerifyGarbageSignatureShapes(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	valid := f.newSig(verifytest.Claims{Digest: d, Reference: f.repo("a"), Revision: pinA})
	notB64 := valid
	notB64.Signature = "%%%not base64"
	noSig := valid
	noSig.Signature = ""
	badJSON := verifytest.Sig{Payload: []byte("{"), Signature: valid.Signature}
	var tampered verifytest.Sig
	raw, _ := json.Marshal(map[string]any{"critical": map[string]any{}})
	tampered = verifytest.Sig{Payload: raw, Signature: base64.StdEncoding.EncodeToString([]byte("sig"))}
	f.pushSigs(d, notB64, noSig, badJSON, tampered)
	res := run(t, f.verifier(), f.target("a", pinA))
	want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail},
		reason: map[string]string{verify.CheckSignature: "4 signatures, none valid"}}.assert(t, res)
}

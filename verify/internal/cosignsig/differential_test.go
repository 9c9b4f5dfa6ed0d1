package cosignsig_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/sigstore/sigstore/pkg/cryptoutils"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// classicCases are valid and tampered classic signatures.
func classicCases(t testing.TB, f *fixture) map[string]layer {
	t.Helper()
	resigned, err := f.signer.Sign(f.sig.Payload) // same payload, another ECDSA signature
	if err != nil {
		t.Fatal(err)
	}
	altSig, err := f.alt.NewSig(verifytest.Claims{Digest: "sha256:" + strings.Repeat("ab", 32)}, f.rk)
	if err != nil {
		t.Fatal(err)
	}
	otherLog, err := f.rk2.Bundle(f.sig.Signature, f.sig.Payload, f.signer.PublicPEM())
	if err != nil {
		t.Fatal(err)
	}
	origBody := mustB64(t, f.sig.Bundle.Payload.Body.(string))
	crlf := strings.ReplaceAll(f.keyPEM, "\n", "\r\n")
	certType := strings.ReplaceAll(f.keyPEM, "PUBLIC KEY", "CERTIFICATE")
	return map[string]layer{
		"valid hashedrekord":           f.base,
		"valid rekord x509":            f.logged("rekord", "0.0.1", rekordSpec(f.sigBytes, []byte(f.keyPEM), "x509", f.hash)),
		"flipped first signature byte": f.with(func(l *layer) { l.b64sig = flipB64(t, l.b64sig, 0) }),
		"flipped last signature byte":  f.with(func(l *layer) { l.b64sig = flipB64(t, l.b64sig, -1+len(f.sigBytes)) }),
		"signature not base64":         f.with(func(l *layer) { l.b64sig = "!!" + l.b64sig }),
		"signature with newline":       f.with(func(l *layer) { l.b64sig = l.b64sig[:8] + "\n" + l.b64sig[8:] }),
		"other key":                    f.with(func(l *layer) { l.key = f.alt.PublicPEM() }),
		"other payload":                f.with(func(l *layer) { l.payload = append(bytes.Clone(l.payload), ' ') }),
		"signature and bundle of another key": f.with(func(l *layer) {
			l.payload, l.b64sig, l.bundle = altSig.Payload, altSig.Signature, bundleJSON(t, altSig.Bundle)
		}),
		"SET by another log":              f.with(func(l *layer) { l.bundle = bundleJSON(t, otherLog) }),
		"SET by another log under our ID": f.with(func(l *layer) { l.bundle = bundleJSON(t, signed(t, f.rk2, origBody, f.now, f.idx, f.logID)) }),
		"wrong log ID":                    f.editBundle(func(m map[string]any) { payloadOf(m)["logID"] = f.alt.LogID() }),
		"log ID not hex":                  f.editBundle(func(m map[string]any) { payloadOf(m)["logID"] = "zz" }),
		"log ID empty":                    f.editBundle(func(m map[string]any) { payloadOf(m)["logID"] = "" }),
		"log ID uppercase":                f.editBundle(func(m map[string]any) { payloadOf(m)["logID"] = strings.ToUpper(f.logID) }),
		"tampered integratedTime":         f.editBundle(func(m map[string]any) { payloadOf(m)["integratedTime"] = f.now + 1 }),
		"tampered logIndex":               f.editBundle(func(m map[string]any) { payloadOf(m)["logIndex"] = f.idx + 1 }),
		"integratedTime as string":        f.editBundle(func(m map[string]any) { payloadOf(m)["integratedTime"] = "1" }),
		"integratedTime before the epoch": f.with(func(l *layer) { l.bundle = bundleJSON(t, signed(t, f.rk, origBody, -5, f.idx, f.logID)) }),
		"integratedTime at the epoch":     f.with(func(l *layer) { l.bundle = bundleJSON(t, signed(t, f.rk, origBody, 0, f.idx, f.logID)) }),
		"huge logIndex":                   f.with(func(l *layer) { l.bundle = bundleJSON(t, signed(t, f.rk, origBody, f.now, 1<<60+1, f.logID)) }),
		"tampered body": f.editBundle(func(m map[string]any) {
			payloadOf(m)["body"] = base64.StdEncoding.EncodeToString(append(origBody, ' '))
		}),
		"body for another hash":          f.hashed(f.sigBytes, f.keyPEM, "sha256", sha256Hex([]byte("x"))),
		"body for another signature":     f.hashed(mustB64(t, resigned), f.keyPEM, "sha256", f.hash),
		"body for another key":           f.hashed(f.sigBytes, string(f.alt.PublicPEM()), "sha256", f.hash),
		"body hash sha512":               f.hashed(f.sigBytes, f.keyPEM, "sha512", strings.Repeat(f.hash, 2)),
		"body hash uppercase":            f.hashed(f.sigBytes, f.keyPEM, "sha256", strings.ToUpper(f.hash)),
		"body hash algorithm SHA256":     f.hashed(f.sigBytes, f.keyPEM, "SHA256", f.hash),
		"body key CRLF":                  f.hashed(f.sigBytes, crlf, "sha256", f.hash),
		"body key after text":            f.hashed(f.sigBytes, "comment\n"+f.keyPEM, "sha256", f.hash),
		"body key with trailing newline": f.hashed(f.sigBytes, f.keyPEM+"\n", "sha256", f.hash),
		"body key as CERTIFICATE":        f.hashed(f.sigBytes, certType, "sha256", f.hash),
		"body key DER":                   f.hashed(f.sigBytes, string(pemBody(t, f.keyPEM)), "sha256", f.hash),
		"body apiVersion 0.0.2":          f.logged("hashedrekord", "0.0.2", hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash)),
		"body kind intoto":               f.logged("intoto", "0.0.2", hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash)),
		"body kind dsse":                 f.logged("dsse", "0.0.1", hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash)),
		"body kind unknown":              f.logged("nope", "0.0.1", hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash)),
		"body without spec":              f.rawBody([]byte(`{"apiVersion":"0.0.1","kind":"hashedrekord"}`)),
		"body spec not an object":        f.rawBody([]byte(`{"apiVersion":"0.0.1","kind":"hashedrekord","spec":"x"}`)),
		"body without apiVersion":        f.rawBody([]byte(`{"kind":"hashedrekord","spec":{}}`)),
		"body not JSON":                  f.rawBody([]byte("not json")),
		"body kind capitalised":          f.rawBody(bytes.Replace(origBody, []byte(`"kind"`), []byte(`"Kind"`), 1)),
		"body spec names capitalised":    f.rawBody(bytes.Replace(origBody, []byte(`"signature"`), []byte(`"Signature"`), 1)),
		"body without signature":         f.logged("hashedrekord", "0.0.1", map[string]any{"data": hashedSpec(nil, nil, "sha256", f.hash)["data"]}),
		"body without key":               f.logged("hashedrekord", "0.0.1", without(hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash), "signature", "publicKey")),
		"body without hash":              f.logged("hashedrekord", "0.0.1", without(hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash), "data", "hash")),
		"rekord without hash":            f.logged("rekord", "0.0.1", without(rekordSpec(f.sigBytes, []byte(f.keyPEM), "x509", f.hash), "data", "hash")),
		"rekord for another hash":        f.logged("rekord", "0.0.1", rekordSpec(f.sigBytes, []byte(f.keyPEM), "x509", sha256Hex(nil))),
		"rekord for another key":         f.logged("rekord", "0.0.1", rekordSpec(f.sigBytes, f.alt.PublicPEM(), "x509", f.hash)),
		"rekord for another signature":   f.logged("rekord", "0.0.1", rekordSpec(mustB64(t, resigned), []byte(f.keyPEM), "x509", f.hash)),
		"rekord format unknown":          f.logged("rekord", "0.0.1", rekordSpec(f.sigBytes, []byte(f.keyPEM), "X509", f.hash)),
		"body not base64":                f.editBundle(func(m map[string]any) { payloadOf(m)["body"] = "%%%" }),
		"body a number":                  f.editBundle(func(m map[string]any) { payloadOf(m)["body"] = 5 }),
		"body null":                      f.editBundle(func(m map[string]any) { payloadOf(m)["body"] = nil }),
		"SET empty":                      f.editBundle(func(m map[string]any) { m["SignedEntryTimestamp"] = "" }),
		"SET not base64":                 f.editBundle(func(m map[string]any) { m["SignedEntryTimestamp"] = "%%%" }),
		"SET flipped":                    f.editBundle(func(m map[string]any) { m["SignedEntryTimestamp"] = flipB64(t, m["SignedEntryTimestamp"].(string), 9) }),
		"SET as IEEE P1363":              f.editBundle(func(m map[string]any) { m["SignedEntryTimestamp"] = p1363B64(t, m["SignedEntryTimestamp"].(string)) }),
		"bundle names lowercase": f.with(func(l *layer) {
			l.bundle = strings.Replace(strings.Replace(f.good, `"SignedEntryTimestamp"`, `"signedEntryTimestamp"`, 1), `"Payload"`, `"payload"`, 1)
		}),
		"missing bundle":         f.with(func(l *layer) { l.bundle = "" }),
		"malformed bundle JSON":  f.with(func(l *layer) { l.bundle = "{" }),
		"bundle null":            f.with(func(l *layer) { l.bundle = "null" }),
		"bundle without payload": f.with(func(l *layer) { l.bundle = "{}" }),
		"bundle an array":        f.with(func(l *layer) { l.bundle = "[]" }),
	}
}

// TestClassicMatchesCosign: for cosign-made classic signatures and many
// tampered ones, this package's signature and Rekor bundle checks agree
// with cosign's VerifyImageSignature and VerifyBundle.
func TestClassicMatchesCosign(t *testing.T) {
	f := newFixture(t)
	if v := ours(t, f.base); !v.sig || !v.tlog {
		t.Fatalf("the valid signature does not verify (%v): the test proves nothing", v)
	}
	for name, l := range classicCases(t, f) {
		t.Run(name, func(t *testing.T) {
			want, got := reference(t, l), ours(t, l)
			if got != want {
				t.Errorf("ours: %v; cosign: %v", got, want)
			}
			t.Logf("both: %v", got)
		})
	}
}

// TestClassicValidityWindowMatchesCosign: with a trusted root, the log key
// must be valid at the entry's integration time, bounds included.
func TestClassicValidityWindowMatchesCosign(t *testing.T) {
	f := newFixture(t)
	at := time.Unix(f.now, 0)
	year1 := time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)
	origBody := mustB64(t, f.sig.Bundle.Payload.Body.(string))
	windows := map[string]struct {
		start, end time.Time
		it         int64 // the entry's integratedTime; 0 keeps the bundle's
	}{
		"open, started before":         {at.Add(-time.Hour), time.Time{}, 0},
		"starts at the entry":          {at, time.Time{}, 0},
		"starts after the entry":       {at.Add(time.Second), time.Time{}, 0},
		"ends at the entry":            {at.Add(-time.Hour), at, 0},
		"ended before the entry":       {at.Add(-time.Hour), at.Add(-time.Second), 0},
		"closed around entry":          {at.Add(-time.Hour), at.Add(time.Hour), 0},
		"starts in the future":         {at.Add(time.Hour), at.Add(2 * time.Hour), 0},
		"from year 1, entry at 0":      {year1, time.Time{}, -1},
		"from year 1, entry at -5":     {year1, time.Time{}, -5},
		"from year 1, entry at 1":      {year1, time.Time{}, 1},
		"from 1970, entry at 0":        {time.Unix(0, 0), time.Time{}, -1},
		"from before 1970, entry at 0": {time.Unix(-10, 0), time.Time{}, -1},
	}
	for name, w := range windows {
		t.Run(name, func(t *testing.T) {
			l := f.with(func(l *layer) { l.trust = rootTrust(t, f.rk, w.start, w.end) })
			if w.it != 0 {
				it := w.it
				if it == -1 {
					it = 0
				}
				l.bundle = bundleJSON(t, signed(t, f.rk, origBody, it, f.idx, f.logID))
			}
			want, got := reference(t, l), ours(t, l)
			if got != want {
				t.Errorf("ours: %v; cosign: %v", got, want)
			}
			t.Logf("both: %v", got)
		})
	}
}

// TestClassicOtherKeyTypesMatchCosign: RSA and Ed25519 signing keys, with
// hashedrekord and rekord entries (rekor reads an Ed25519 hashedrekord as
// prehashed, so cosign refuses it for a pure Ed25519 signature).
func TestClassicOtherKeyTypesMatchCosign(t *testing.T) {
	f := newFixture(t)
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	_, ek, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string]crypto.Signer{"rsa": rk, "ed25519": ek} {
		keyPEM, err := cryptoutils.MarshalPublicKeyToPEM(k.Public())
		if err != nil {
			t.Fatal(err)
		}
		sig := signWith(t, k, f.sig.Payload)
		for kind, spec := range map[string]map[string]any{
			"hashedrekord": hashedSpec(sig, keyPEM, "sha256", f.hash),
			"rekord":       rekordSpec(sig, keyPEM, "x509", f.hash),
		} {
			t.Run(name+"/"+kind, func(t *testing.T) {
				l := f.logged(kind, "0.0.1", spec)
				l.key, l.b64sig = keyPEM, base64.StdEncoding.EncodeToString(sig)
				want, got := reference(t, l), ours(t, l)
				if got != want {
					t.Errorf("ours: %v; cosign: %v", got, want)
				}
				if !want.sig {
					t.Errorf("cosign refuses the valid signature: the case proves nothing")
				}
			})
		}
	}
}

// TestClassicStricterThanCosign lists the bodies cosign accepts that no
// Rekor log writes for a key-signed classic signature: this package refuses
// them.
func TestClassicStricterThanCosign(t *testing.T) {
	f := newFixture(t)
	origBody := mustB64(t, f.sig.Bundle.Payload.Body.(string))
	cases := map[string]layer{
		"apiVersion with build metadata": f.logged("hashedrekord", "0.0.1+x", hashedSpec(f.sigBytes, []byte(f.keyPEM), "sha256", f.hash)),
		"data after the body's JSON":     f.rawBody(append(bytes.Clone(origBody), " {}"...)),
		"rekord in ssh format":           f.logged("rekord", "0.0.1", rekordSpec(f.sigBytes, []byte(f.keyPEM), "ssh", f.hash)),
		"rekord key of another PEM type": f.logged("rekord", "0.0.1", rekordSpec(f.sigBytes, []byte(strings.ReplaceAll(f.keyPEM, "PUBLIC KEY", "KEY")), "x509", f.hash)),
	}
	for name, l := range cases {
		t.Run(name, func(t *testing.T) {
			if want := reference(t, l); !want.tlog {
				t.Errorf("cosign now refuses it too (%v): move the case to TestClassicMatchesCosign", want)
			}
			if got := ours(t, l); got.tlog {
				t.Errorf("ours: %v; want the bundle refused", got)
			}
		})
	}
}

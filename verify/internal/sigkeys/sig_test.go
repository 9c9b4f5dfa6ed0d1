package sigkeys_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/hex"
	"math/big"
	"testing"

	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/options"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

func hexOf(b []byte) string { return hex.EncodeToString(b) }

func sign(t *testing.T, k crypto.Signer, msg []byte) []byte {
	t.Helper()
	sv, err := signature.LoadSignerVerifier(k, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := sv.SignMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i%len(c)] ^= 0x01
	return c
}

// p1363 re-encodes an ASN.1 ECDSA signature as r||s.
func p1363(t *testing.T, k *ecdsa.PrivateKey, sig []byte) []byte {
	t.Helper()
	var rs struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(sig, &rs); err != nil {
		t.Fatal(err)
	}
	n := (k.Curve.Params().BitSize + 7) / 8
	out := make([]byte, 2*n)
	rs.R.FillBytes(out[:n])
	rs.S.FillBytes(out[n:])
	return out
}

// sigCases are signatures over msg by k, valid and tampered.
func sigCases(t *testing.T, k crypto.Signer, other crypto.Signer, msg []byte) map[string][]byte {
	t.Helper()
	sig := sign(t, k, msg)
	cases := map[string][]byte{
		"valid":                 sig,
		"flipped first byte":    flip(sig, 0),
		"flipped middle byte":   flip(sig, len(sig)/2),
		"flipped last byte":     flip(sig, len(sig)-1),
		"trailing byte":         append(bytes.Clone(sig), 0),
		"truncated":             sig[:len(sig)-1],
		"empty":                 nil,
		"other key":             sign(t, other, msg),
		"other message":         sign(t, k, append(bytes.Clone(msg), '!')),
		"132 zero bytes":        make([]byte, 132),
		"134 zero bytes":        make([]byte, 134),
		"one byte":              {0x30},
		"random 64 bytes":       randBytes(t, 64),
		"random 96 bytes":       randBytes(t, 96),
		"ASN.1 of zero r and s": mustASN1(t, big.NewInt(0), big.NewInt(0)),
	}
	if ek, ok := k.(*ecdsa.PrivateKey); ok {
		cases["P1363"] = p1363(t, ek, sig)
		cases["P1363 flipped"] = flip(p1363(t, ek, sig), 3)
		cases["P1363 with leading zero pair"] = append([]byte{0}, append(p1363(t, ek, sig), 0)...)
	}
	return cases
}

func mustASN1(t *testing.T, r, s *big.Int) []byte {
	t.Helper()
	b, err := asn1.Marshal(struct{ R, S *big.Int }{r, s})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func randBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestVerifySignatureMatchesSigstore: for every key type, VerifySignature
// and VerifyDigest accept exactly the signatures sigstore's verifier does.
func TestVerifySignatureMatchesSigstore(t *testing.T) {
	keys := testKeys(t)
	msg := []byte(`{"critical":{"identity":{"docker-reference":"x"}}}`)
	digest := sha256.Sum256(msg)
	for name, k := range keys {
		other := keys["p256"]
		if name == "p256" {
			other = keys["p384"]
		}
		ref, err := signature.LoadVerifier(k.Public(), crypto.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		ours, err := sigkeys.ParseDER(pkix(t, k.Public()))
		if err != nil {
			t.Fatal(err)
		}
		for sname, sig := range sigCases(t, k, other, msg) {
			t.Run(name+"/"+sname, func(t *testing.T) {
				want := ref.VerifySignature(bytes.NewReader(sig), bytes.NewReader(msg)) == nil
				if got := ours.VerifySignature(msg, sig) == nil; got != want {
					t.Errorf("VerifySignature() ok = %v, sigstore ok = %v", got, want)
				}
				wantD := name != "ed25519" && ref.VerifySignature(bytes.NewReader(sig), nil, options.WithDigest(digest[:])) == nil
				if got := ours.VerifyDigest(digest[:], sig) == nil; got != wantD {
					t.Errorf("VerifyDigest() ok = %v, sigstore ok = %v", got, wantD)
				}
				if sname == "valid" && !want {
					t.Errorf("sigstore refuses the valid signature: the test proves nothing")
				}
			})
		}
	}
}

func TestVerifyDigestRefusesWrongLength(t *testing.T) {
	k := testKeys(t)["p256"]
	ours, err := sigkeys.ParseDER(pkix(t, k.Public()))
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("m")
	sum := sha256.Sum256(msg)
	sig := sign(t, k, msg)
	if err := ours.VerifyDigest(sum[:], sig); err != nil {
		t.Fatalf("VerifyDigest(sha256) = %v, want nil", err)
	}
	if err := ours.VerifyDigest(append(sum[:], 0), sig); err == nil {
		t.Errorf("VerifyDigest(33 bytes) = nil, want an error")
	}
}

// TestVerifySignatureHashMatchesSigstore: with SHA-256, -384 and -512,
// VerifySignatureHash accepts exactly what signature.LoadVerifier(key,
// hash) does, for signatures made under each hash.
func TestVerifySignatureHashMatchesSigstore(t *testing.T) {
	msg := []byte("checkpoint\n1234\nroot hash\n")
	hashes := map[string]crypto.Hash{"sha256": crypto.SHA256, "sha384": crypto.SHA384, "sha512": crypto.SHA512}
	for kname, k := range testKeys(t) {
		ours, err := sigkeys.ParseDER(pkix(t, k.Public()))
		if err != nil {
			t.Fatal(err)
		}
		for sname, sh := range hashes {
			sv, err := signature.LoadSignerVerifier(k, sh)
			if err != nil {
				t.Fatal(err)
			}
			sig, err := sv.SignMessage(bytes.NewReader(msg))
			if err != nil {
				t.Fatal(err)
			}
			for vname, vh := range hashes {
				ref, err := signature.LoadVerifier(k.Public(), vh)
				if err != nil {
					t.Fatal(err)
				}
				for cname, c := range map[string][]byte{"valid": sig, "flipped": flip(sig, len(sig)/2), "empty": nil} {
					want := ref.VerifySignature(bytes.NewReader(c), bytes.NewReader(msg)) == nil
					if got := ours.VerifySignatureHash(msg, c, vh) == nil; got != want {
						t.Errorf("%s, signed %s, verified %s, %s: ours ok = %v, sigstore ok = %v", kname, sname, vname, cname, got, want)
					}
				}
			}
		}
	}
	k, _ := sigkeys.ParseDER(pkix(t, testKeys(t)["p256"].Public()))
	if err := k.VerifySignatureHash(msg, nil, crypto.SHA1); err == nil {
		t.Errorf("VerifySignatureHash(SHA-1) = nil error, want refusal")
	}
}

package cosignsig_test

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"

	"github.com/sigstore/sigstore/pkg/cryptoutils"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// fixture is one valid cosign-made classic signature and what it was made
// with.
type fixture struct {
	t            testing.TB
	signer, alt  *verifytest.Key
	rk, rk2      *verifytest.Rekor
	sig          verifytest.Sig
	base         layer
	sigBytes     []byte
	hash, logID  string
	now, idx     int64
	keyPEM, good string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t}
	var err error
	for _, k := range []**verifytest.Key{&f.signer, &f.alt} {
		if *k, err = verifytest.NewKey(); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []**verifytest.Rekor{&f.rk, &f.rk2} {
		if *r, err = verifytest.NewRekor(); err != nil {
			t.Fatal(err)
		}
	}
	claims := verifytest.Claims{Digest: "sha256:" + strings.Repeat("ab", 32), Reference: "127.0.0.1:5000/mcp/a", Revision: strings.Repeat("c", 40)}
	if f.sig, err = f.signer.NewSig(claims, f.rk); err != nil {
		t.Fatal(err)
	}
	f.good = bundleJSON(t, f.sig.Bundle)
	f.keyPEM = string(f.signer.PublicPEM())
	f.base = layer{payload: f.sig.Payload, b64sig: f.sig.Signature, bundle: f.good, key: f.signer.PublicPEM(), trust: keyTrust(t, f.rk.PublicPEM())}
	f.sigBytes = mustB64(t, f.sig.Signature)
	f.hash, f.logID = sha256Hex(f.sig.Payload), f.rk.Key.LogID()
	f.now, f.idx = f.sig.Bundle.Payload.IntegratedTime, f.sig.Bundle.Payload.LogIndex
	return f
}

func (f *fixture) with(change func(l *layer)) layer {
	l := f.base
	change(&l)
	return l
}

// logged is the base layer with a bundle for the given entry body, which
// the trusted log signs.
func (f *fixture) logged(kind, version string, spec map[string]any) layer {
	b := bundleJSON(f.t, signed(f.t, f.rk, body(f.t, kind, version, spec), f.now, f.idx, f.logID))
	return f.with(func(l *layer) { l.bundle = b })
}

func (f *fixture) hashed(sig []byte, keyPEM string, alg, hash string) layer {
	return f.logged("hashedrekord", "0.0.1", hashedSpec(sig, []byte(keyPEM), alg, hash))
}

func (f *fixture) editBundle(change func(m map[string]any)) layer {
	b := editBundle(f.t, f.good, change)
	return f.with(func(l *layer) { l.bundle = b })
}

func (f *fixture) rawBody(raw []byte) layer {
	b := bundleJSON(f.t, signed(f.t, f.rk, raw, f.now, f.idx, f.logID))
	return f.with(func(l *layer) { l.bundle = b })
}

func without(spec map[string]any, parent, child string) map[string]any {
	delete(spec[parent].(map[string]any), child)
	return spec
}

// pemBody is the DER inside a PEM block.
func pemBody(t testing.TB, p string) []byte {
	t.Helper()
	k, err := cryptoutils.UnmarshalPEMToPublicKey([]byte(p))
	if err != nil {
		t.Fatal(err)
	}
	der, _ := cryptoutils.MarshalPublicKeyToDER(k)
	return der
}

// p1363B64 re-encodes a base64 ASN.1 ECDSA signature as base64 r||s.
func p1363B64(t testing.TB, b64 string) string {
	t.Helper()
	var rs struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(mustB64(t, b64), &rs); err != nil {
		t.Fatal(err)
	}
	out := make([]byte, 64)
	rs.R.FillBytes(out[:32])
	rs.S.FillBytes(out[32:])
	return base64.StdEncoding.EncodeToString(out)
}

// signWith signs msg as cosign does with an RSA (PKCS #1 v1.5, SHA-256) or
// Ed25519 key.
func signWith(t testing.TB, k any, msg []byte) []byte {
	t.Helper()
	switch k := k.(type) {
	case *rsa.PrivateKey:
		sum := sha256Sum(msg)
		sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	case ed25519.PrivateKey:
		return ed25519.Sign(k, msg)
	}
	t.Fatalf("unsupported key %T", k)
	return nil
}

package sgbundle

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"testing"

	"golang.org/x/crypto/ssh"
)

// TestKeyFingerprint compares the DSSE key ID with x/crypto/ssh's
// fingerprint, which the DSSE library sigstore-go uses computes.
func TestKeyFingerprint(t *testing.T) {
	var keys []crypto.PublicKey
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		k, _ := ecdsa.GenerateKey(c, rand.Reader)
		keys = append(keys, k.Public())
	}
	ek, _, _ := ed25519.GenerateKey(rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	keys = append(keys, ek, rk.Public())
	for _, k := range keys {
		der, err := x509.MarshalPKIXPublicKey(k)
		if err != nil {
			t.Fatal(err)
		}
		sk, err := ssh.NewPublicKey(k)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := keyFingerprint(der), ssh.FingerprintSHA256(sk); got != want {
			t.Errorf("keyFingerprint(%T) = %s, want %s", k, got, want)
		}
	}
}

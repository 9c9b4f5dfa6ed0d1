package sigkeys_test

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"testing"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// testKeys are one private key of each kind sigstore loads a verifier for.
func testKeys(t testing.TB) map[string]crypto.Signer {
	t.Helper()
	keys := map[string]crypto.Signer{}
	for name, c := range map[string]elliptic.Curve{"p224": elliptic.P224(), "p256": elliptic.P256(), "p384": elliptic.P384(), "p521": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		keys[name] = k
	}
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keys["rsa2048"] = rk
	_, ek, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	keys["ed25519"] = ek
	return keys
}

func pemOf(t testing.TB, typ string, der []byte) []byte {
	t.Helper()
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func pkix(t testing.TB, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// referenceParse is what verify did before: cryptoutils parses the PEM and
// signature.LoadVerifier loads a verifier for it.
func referenceParse(p []byte) (crypto.PublicKey, bool) {
	k, err := cryptoutils.UnmarshalPEMToPublicKey(p)
	if err != nil {
		return nil, false
	}
	if _, err := signature.LoadVerifier(k, crypto.SHA256); err != nil {
		return nil, false
	}
	return k, true
}

func pemCases(t *testing.T) map[string][]byte {
	t.Helper()
	cases := map[string][]byte{}
	for name, k := range testKeys(t) {
		p := pemOf(t, "PUBLIC KEY", pkix(t, k.Public()))
		cases[name] = p
		cases[name+" with leading text"] = append([]byte("comment\n"), p...)
		cases[name+" with trailing junk"] = append(bytes.Clone(p), "junk\x00\xff"...)
		cases[name+" twice"] = append(bytes.Clone(p), p...)
		cases[name+" as CERTIFICATE"] = pemOf(t, "CERTIFICATE", pkix(t, k.Public()))
		cases[name+" truncated DER"] = pemOf(t, "PUBLIC KEY", pkix(t, k.Public())[:40])
		cases[name+" DER with trailing byte"] = pemOf(t, "PUBLIC KEY", append(pkix(t, k.Public()), 0))
		if rk, ok := k.Public().(*rsa.PublicKey); ok {
			cases[name+" PKCS1"] = pemOf(t, "RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(rk))
			cases[name+" PKCS1 as PUBLIC KEY"] = pemOf(t, "PUBLIC KEY", x509.MarshalPKCS1PublicKey(rk))
		}
	}
	xk, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	cases["x25519"] = pemOf(t, "PUBLIC KEY", pkix(t, xk.PublicKey()))
	cases["empty"] = nil
	cases["no PEM"] = []byte("not a key")
	cases["bad base64"] = []byte("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")
	for _, f := range []string{"docker-mcp-latest.pub", "sigstore-rekor-public-good.pub"} {
		b, err := os.ReadFile("../../keys/" + f)
		if err != nil {
			t.Fatal(err)
		}
		cases["embedded "+f] = b
	}
	return cases
}

// TestParsePEMMatchesCryptoutils: ParsePEM accepts exactly the keys
// cryptoutils parses and sigstore loads a verifier for, and reads the same
// key from them.
func TestParsePEMMatchesCryptoutils(t *testing.T) {
	for name, p := range pemCases(t) {
		t.Run(name, func(t *testing.T) {
			want, ok := referenceParse(p)
			got, err := sigkeys.ParsePEM(p)
			if (err == nil) != ok {
				t.Fatalf("ParsePEM() error = %v, reference accepts = %v", err, ok)
			}
			if !ok {
				return
			}
			if err := cryptoutils.EqualKeys(want, got.Public()); err != nil {
				t.Errorf("ParsePEM() = a different key: %v", err)
			}
			der, _ := cryptoutils.MarshalPublicKeyToDER(want)
			if !bytes.Equal(got.DER(), der) {
				t.Errorf("DER() differs from cryptoutils' DER")
			}
			again, err := sigkeys.ParseDER(got.DER())
			if err != nil || !again.Equal(got) {
				t.Errorf("ParseDER(DER()) = %v, %v; want an equal key", again, err)
			}
		})
	}
}

func TestEqualAndLogID(t *testing.T) {
	keys := testKeys(t)
	a, err := sigkeys.ParsePEM(pemOf(t, "PUBLIC KEY", pkix(t, keys["p256"].Public())))
	if err != nil {
		t.Fatal(err)
	}
	spaced := bytes.ReplaceAll(pemOf(t, "PUBLIC KEY", pkix(t, keys["p256"].Public())), []byte("\n"), []byte("\r\n"))
	b, err := sigkeys.ParsePEM(spaced)
	if err != nil {
		t.Fatal(err)
	}
	c, err := sigkeys.ParsePEM(pemOf(t, "PUBLIC KEY", pkix(t, keys["p384"].Public())))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Equal(b) || a.Equal(c) || a.Equal(nil) {
		t.Errorf("Equal: same key %v, other key %v, nil %v; want true, false, false", a.Equal(b), a.Equal(c), a.Equal(nil))
	}
	rekor, err := os.ReadFile("../../keys/sigstore-rekor-public-good.pub")
	if err != nil {
		t.Fatal(err)
	}
	rk, err := sigkeys.ParsePEM(rekor)
	if err != nil {
		t.Fatal(err)
	}
	// The public-good Rekor log ID, as every Rekor bundle names it.
	const want = "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d"
	if got := hexOf(rk.LogID()); got != want {
		t.Errorf("LogID() = %s, want %s", got, want)
	}
	d := a.DER()
	d[0] ^= 0xff
	if !a.Equal(b) {
		t.Errorf("DER() returned shared bytes, want a copy")
	}
}

package sgbundle

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"testing"
	"time"
)

// The fuzz seed in testdata is a bundle that verifytest made (cosign's and
// sigstore's libraries) for a digest of 31 zero bytes then 0xab, signed by
// fuzz-key.pem and logged by fuzz-log.pem at index 2 of a 3-leaf tree: an
// inclusion proof, a checkpoint and a signed entry timestamp.

func readPEMKey(t testing.TB, path string) (*ecdsa.PublicKey, []byte) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		t.Fatalf("%s: no PEM block", path)
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return pub.(*ecdsa.PublicKey), block.Bytes
}

func ecdsaVerify(k *ecdsa.PublicKey) func(msg, sig []byte) error {
	return func(msg, sig []byte) error {
		h := sha256.Sum256(msg)
		if !ecdsa.VerifyASN1(k, h[:], sig) {
			return errors.New("invalid signature")
		}
		return nil
	}
}

// fuzzWorld is the seed's signing key and its one trusted log.
func fuzzWorld(t testing.TB) (Key, LogKeys) {
	sk, sder := readPEMKey(t, "testdata/fuzz-key.pem")
	lk, lder := readPEMKey(t, "testdata/fuzz-log.pem")
	id := sha256.Sum256(lder)
	logs := func(logID []byte, _ time.Time) (LogKey, error) {
		if !bytes.Equal(logID, id[:]) {
			return LogKey{}, errors.New("unknown log")
		}
		return LogKey{DER: lder, Verify: ecdsaVerify(lk)}, nil
	}
	return Key{DER: sder, Verify: ecdsaVerify(sk)}, logs
}

func fuzzDigest() []byte {
	d := make([]byte, 32)
	d[31] = 0xab
	return d
}

// TestFuzzSeedVerifies: the seed passes every check, so the fuzzer starts
// from a bundle that reaches the deepest code.
func TestFuzzSeedVerifies(t *testing.T) {
	raw, err := os.ReadFile("testdata/fuzz-bundle.json")
	if err != nil {
		t.Fatal(err)
	}
	key, logs := fuzzWorld(t)
	b, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.VerifySignature(key); err != nil {
		t.Fatalf("signature: %v", err)
	}
	if err := b.VerifyArtifactDigest("sha256", fuzzDigest()); err != nil {
		t.Fatalf("artifact digest: %v", err)
	}
	if err := b.VerifyTlog(key, logs, 1); err != nil {
		t.Fatalf("log: %v", err)
	}
	other := fuzzDigest()
	other[0] = 1
	if b.VerifyArtifactDigest("sha256", other) == nil {
		t.Fatal("the seed verifies for another digest")
	}
}

// FuzzVerify: on any bytes, parsing and every check return, without a
// panic, whatever they decide.
func FuzzVerify(f *testing.F) {
	raw, err := os.ReadFile("testdata/fuzz-bundle.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}`))
	key, logs := fuzzWorld(f)
	digest := fuzzDigest()
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data)
		if err != nil {
			return
		}
		_ = b.MinVersion("v0.3")
		_, _ = b.Statement()
		_ = b.VerifySignature(key)
		_ = b.VerifyArtifactDigest("sha256", digest)
		_ = b.VerifyTlog(key, logs, 1)
	})
}

package sgbundle

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// publicGoodLog is the public-good Rekor key embedded in verify/keys.
func publicGoodLog(t *testing.T) LogKey {
	t.Helper()
	raw, err := os.ReadFile("../../keys/sigstore-rekor-public-good.pub")
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		t.Fatal("no PEM block in the public-good Rekor key")
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	k := pub.(*ecdsa.PublicKey)
	verify := func(msg, sig []byte) error {
		h := sha256.Sum256(msg)
		if !ecdsa.VerifyASN1(k, h[:], sig) {
			return errors.New("invalid signature")
		}
		return nil
	}
	return LogKey{DER: block.Bytes, Verify: verify}
}

// cosignTestBundle reads cosign's own test bundle, whose dsse v0.0.1 entry
// was logged by the public-good Rekor (it is signed with a certificate, so
// only its log entry is checked here).
func cosignTestBundle(t *testing.T) *pbjson.Node {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/sigstore/cosign/v3").Output()
	if err != nil {
		t.Fatalf("locating cosign's module: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	raw, err := os.ReadFile(filepath.Join(dir, "pkg/cosign/testdata/oci-attestation.sigstore.json"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := pbjson.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPublicGoodEntry checks a real public-good Rekor entry: its SET, its
// inclusion proof in a tree of millions of leaves and the signed
// checkpoint, and that it logs the bundle's envelope; then that one
// flipped byte anywhere breaks the check.
func TestPublicGoodEntry(t *testing.T) {
	lk := publicGoodLog(t)
	b := cosignTestBundle(t)
	vm, env := b.Obj["verificationMaterial"], b.Obj["dsseEnvelope"]
	e, err := parseEntry(vm.Obj["tlogEntries"].Arr[0])
	if err != nil {
		t.Fatal(err)
	}
	if id := sha256.Sum256(lk.DER); !bytes.Equal(e.LogID, id[:]) {
		t.Fatalf("log ID %x is not the public-good key's %x", e.LogID, id)
	}
	if err := e.verifySET(lk); err != nil {
		t.Errorf("SET: %v", err)
	}
	if err := e.verifyInclusion(lk); err != nil {
		t.Errorf("inclusion: %v", err)
	}
	payload, _ := pbjson.DecodeBytes(env.Obj["payload"].Str)
	sig, _ := pbjson.DecodeBytes(env.Obj["signatures"].Arr[0].Obj["sig"].Str)
	if sum := sha256.Sum256(payload); hex.EncodeToString(sum[:]) != e.body.payloadHash || !bytes.Equal(sig, e.body.sig) {
		t.Errorf("entry does not log the bundle's envelope")
	}
	tampered := []func(e *Entry){
		func(e *Entry) { e.SET[10] ^= 1 },
		func(e *Entry) { e.IntegratedTime++ },
		func(e *Entry) { e.LogIndex++ },
		func(e *Entry) { e.Body[20] ^= 1 },
		func(e *Entry) { e.Proof.Hashes[3][0] ^= 1 },
		func(e *Entry) { e.Proof.LogIndex++ },
		func(e *Entry) { e.Proof.RootHash[0] ^= 1 },
		func(e *Entry) { e.Proof.Checkpoint = strings.Replace(e.Proof.Checkpoint, "\n5", "\n6", 1) },
	}
	for i, f := range tampered {
		c, _ := parseEntry(vm.Obj["tlogEntries"].Arr[0])
		f(&c)
		if c.verifySET(lk) == nil && c.verifyInclusion(lk) == nil {
			t.Errorf("tampering %d: entry still verifies", i)
		}
	}
}

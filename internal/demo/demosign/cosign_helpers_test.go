package demosign_test

import (
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	"github.com/sigstore/cosign/v3/pkg/oci"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"

	"github.com/mcp-trust/mcp-trust/internal/demo/demosign"
	"github.com/mcp-trust/mcp-trust/internal/ocitest"
	"github.com/mcp-trust/mcp-trust/verify/verifytest/cosignref"
)

// world is a loopback registry holding two images of one repository, the
// demo's signing keys (trusted and not) and two logs (trusted and not).
type world struct {
	reg                *ocitest.Registry
	repo, sigRepo      string
	digest, other      string // the image signed, and another one
	key, otherKey      *demosign.Key
	log, otherLog      *demosign.Log
	revision, revOther string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	reg := ocitest.NewRegistry()
	t.Cleanup(reg.Close)
	w := &world{reg: reg, repo: reg.Host + "/mcp/notes", sigRepo: reg.Host + "/mcp/signatures",
		revision: "3add7b9612102f2a7dbe4ed4fe886e07e847c24d", revOther: "0000000000000000000000000000000000000001"}
	var err error
	if w.digest, err = ocitest.PushImage(w.repo+":latest", ocitest.Platform{Labels: ocitest.Revision(w.revision)}); err != nil {
		t.Fatal(err)
	}
	if w.other, err = ocitest.PushImage(w.repo+":other", ocitest.Platform{Labels: ocitest.Revision(w.revision)}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []**demosign.Key{&w.key, &w.otherKey} {
		if *k, err = demosign.NewKey(); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []**demosign.Log{&w.log, &w.otherLog} {
		if *l, err = demosign.NewLog(); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// claims are the honest claims for w's signed image.
func (w *world) claims() demosign.Claims {
	return demosign.Claims{Digest: w.digest, Reference: w.repo, Revision: w.revision}
}

// cosignVerify pushes layers as the classic signature manifest of digest
// in w.sigRepo, reads them back with cosign's registry client and checks
// each with cosign under signerPEM and logPEM: cosign.VerifyImageSignature
// (signature, simple-signing claims for digest, offline Rekor bundle) and
// cosign.VerifyBundle. It does so twice, with cosign's own log-key check and
// with sigstore-go's trusted root, and returns each way's verdict: nil only
// when every layer passed.
func (w *world) cosignVerify(t *testing.T, digest string, layers []ocitest.SigLayer, signerPEM, logPEM []byte) map[string]error {
	t.Helper()
	if err := ocitest.PushSignatures(w.sigRepo, digest, layers); err != nil {
		t.Fatal(err)
	}
	sigs, err := cosignref.Signatures(w.repo+"@"+digest, w.sigRepo)
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) != len(layers) {
		t.Fatalf("cosign read %d signatures, pushed %d", len(sigs), len(layers))
	}
	h, err := v1.NewHash(digest)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]error{}
	for way, co := range checkOpts(t, signerPEM, logPEM) {
		out[way] = nil
		for i, sig := range sigs {
			if err := cosignCheck(sig, h, co); err != nil {
				out[way] = fmt.Errorf("signature %d: %w", i+1, err)
				break
			}
		}
	}
	return out
}

func cosignCheck(sig oci.Signature, h v1.Hash, co *cosign.CheckOpts) error {
	verified, err := cosign.VerifyImageSignature(context.Background(), sig, h, co)
	if err != nil {
		return err
	}
	if !verified {
		return errors.New("cosign verified the signature but not its Rekor bundle")
	}
	ok, err := cosign.VerifyBundle(sig, co)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("cosign.VerifyBundle found no bundle")
	}
	return nil
}

// checkOpts are cosign's options for a signing key and a log key: the
// offline bundle checked with cosign's own SET check, and with sigstore-go's.
func checkOpts(t *testing.T, signerPEM, logPEM []byte) map[string]*cosign.CheckOpts {
	t.Helper()
	withKeys, err := cosignref.KeyOpts(signerPEM, logPEM)
	if err != nil {
		t.Fatal(err)
	}
	withRoot := *withKeys
	withRoot.RekorPubKeys = nil
	withRoot.TrustedMaterial = trustedRoot(t, logPEM)
	return map[string]*cosign.CheckOpts{"cosign log keys": withKeys, "sigstore-go trusted root": &withRoot}
}

// trustedRoot is sigstore-go trusted material holding one log key.
func trustedRoot(t *testing.T, logPEM []byte) *root.TrustedRoot {
	t.Helper()
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(logPEM)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	id := sha256.Sum256(der)
	tr, err := root.NewTrustedRoot(root.TrustedRootMediaType01, nil, nil, nil, map[string]*root.TransparencyLog{
		hex.EncodeToString(id[:]): {
			ID: id[:], ValidityPeriodStart: time.Unix(1, 0), HashFunc: crypto.SHA256,
			PublicKey: pub, SignatureHashFunc: crypto.SHA256, BaseURL: "https://rekor.invalid",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// Package cosignref is the reference our signatures are checked against in
// tests: cosign's own verifier, set up as `cosign verify --key K --offline`
// sets it up with a Rekor log key trusted, and cosign's own registry client
// reading classic signatures. Tests only; it links cosign, which
// verifytest itself does not.
package cosignref

import (
	"crypto"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	"github.com/sigstore/cosign/v3/pkg/oci"
	ociremote "github.com/sigstore/cosign/v3/pkg/oci/remote"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/tuf"

	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// KeyOpts are cosign's options for the signing key signerPEM and the log
// key logPEM (trusted for all time), offline, with cosign's simple-signing
// claim check.
func KeyOpts(signerPEM, logPEM []byte) (*cosign.CheckOpts, error) {
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(signerPEM)
	if err != nil {
		return nil, err
	}
	v, err := signature.LoadVerifier(pub, crypto.SHA256)
	if err != nil {
		return nil, err
	}
	keys := cosign.NewTrustedTransparencyLogPubKeys()
	if err := keys.AddTransparencyLogPubKey(logPEM, tuf.Active); err != nil {
		return nil, err
	}
	return &cosign.CheckOpts{SigVerifier: v, ClaimVerifier: cosign.SimpleClaimVerifier, RekorPubKeys: &keys, Offline: true}, nil
}

// Signatures reads the classic signatures of digestRef (repo@digest) kept
// in sigRepo with cosign's registry client, after checking cosign looks for
// them under the tag the demo and ocitest write.
func Signatures(digestRef, sigRepo string) ([]oci.Signature, error) {
	ref, err := name.NewDigest(digestRef)
	if err != nil {
		return nil, err
	}
	target, err := name.NewRepository(sigRepo)
	if err != nil {
		return nil, err
	}
	opt := ociremote.WithTargetRepository(target)
	tag, err := ociremote.SignatureTag(ref, opt)
	if err != nil {
		return nil, err
	}
	if tag.String() != sigRepo+":"+ocitest.SigTag(ref.DigestStr()) {
		return nil, fmt.Errorf("cosign looks for signatures at %s, the demo writes %s", tag, ocitest.SigTag(ref.DigestStr()))
	}
	sigs, err := ociremote.Signatures(tag, opt)
	if err != nil {
		return nil, err
	}
	return sigs.Get()
}

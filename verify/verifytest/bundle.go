package verifytest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/go-openapi/runtime"
	"github.com/google/go-containerregistry/pkg/name"
	cbundle "github.com/sigstore/cosign/v3/pkg/cosign/bundle"
	ociremote "github.com/sigstore/cosign/v3/pkg/oci/remote"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	protodsse "github.com/sigstore/protobuf-specs/gen/pb-go/dsse"
	protorekor "github.com/sigstore/protobuf-specs/gen/pb-go/rekor/v1"
	"github.com/sigstore/rekor/pkg/generated/models"
	rtypes "github.com/sigstore/rekor/pkg/types"
	_ "github.com/sigstore/rekor/pkg/types/dsse/v0.0.1" // registers the dsse entry type
	"google.golang.org/protobuf/encoding/protojson"
)

// Constants of cosign v3's bundle-as-referrer layout.
const (
	CosignSignPredicate = "https://sigstore.dev/cosign/sign/v1"
	InTotoPayloadType   = "application/vnd.in-toto+json"
	BundleMediaType     = "application/vnd.dev.sigstore.bundle.v0.3+json"
)

// BundleClaims is what a cosign v3 signing bundle says: the in-toto
// subject's digest and its annotations (cosign sign -a k=v).
type BundleClaims struct {
	Digest      string
	Annotations map[string]string
}

// NewBundle signs claims the way `cosign sign --new-bundle-format` does
// with a key: an in-toto statement of predicate type cosign/sign/v1 in a
// DSSE envelope, logged as a Rekor dsse entry with a SET and an inclusion
// proof, in a v0.3 sigstore bundle. It returns the bundle's JSON.
func (k *Key) NewBundle(c BundleClaims, rekor *Rekor) ([]byte, error) {
	stmt, err := statement(c)
	if err != nil {
		return nil, err
	}
	sig, err := k.signer.SignMessage(bytes.NewReader(pae(InTotoPayloadType, stmt)))
	if err != nil {
		return nil, fmt.Errorf("signing envelope: %w", err)
	}
	env := &protodsse.Envelope{Payload: stmt, PayloadType: InTotoPayloadType, Signatures: []*protodsse.Signature{{Sig: sig}}}
	tle, err := rekor.dsseEntry(env, k.PublicPEM())
	if err != nil {
		return nil, err
	}
	b := &protobundle.Bundle{
		MediaType: BundleMediaType,
		VerificationMaterial: &protobundle.VerificationMaterial{
			Content:     &protobundle.VerificationMaterial_PublicKey{PublicKey: &protocommon.PublicKeyIdentifier{}},
			TlogEntries: []*protorekor.TransparencyLogEntry{tle},
		},
		Content: &protobundle.Bundle_DsseEnvelope{DsseEnvelope: env},
	}
	return protojson.Marshal(b)
}

func statement(c BundleClaims) ([]byte, error) {
	alg, hexDigest, ok := strings.Cut(c.Digest, ":")
	if !ok {
		return nil, fmt.Errorf("digest %q has no algorithm", c.Digest)
	}
	subject := map[string]any{"digest": map[string]string{alg: hexDigest}}
	if len(c.Annotations) > 0 {
		subject["annotations"] = c.Annotations
	}
	return json.Marshal(map[string]any{
		"_type":         "https://in-toto.io/Statement/v1",
		"subject":       []any{subject},
		"predicateType": CosignSignPredicate,
		"predicate":     map[string]any{},
	})
}

// pae is DSSE's pre-authentication encoding.
func pae(typ string, body []byte) []byte {
	return []byte(fmt.Sprintf("DSSEv1 %d %s %d %s", len(typ), typ, len(body), body))
}

// dsseEntry logs an envelope as a Rekor dsse v0.0.1 entry: SET, inclusion
// proof and a checkpoint signed by the log. The entry sits at index
// r.TreeIndex of a tree of r.TreeSize leaves (the others random); a zero
// TreeSize is a one-leaf tree.
func (r *Rekor) dsseEntry(env *protodsse.Envelope, signerPEM []byte) (*protorekor.TransparencyLogEntry, error) {
	body, err := dsseBody(env, signerPEM)
	if err != nil {
		return nil, err
	}
	index, size := r.TreeIndex, max(r.TreeSize, 1)
	leaves, err := treeWith(body, index, size)
	if err != nil {
		return nil, err
	}
	logID, _ := hex.DecodeString(r.Key.LogID())
	now := time.Now().Unix()
	set, err := r.SET(cbundle.RekorPayload{Body: base64.StdEncoding.EncodeToString(body), IntegratedTime: now, LogIndex: index, LogID: r.Key.LogID()})
	if err != nil {
		return nil, err
	}
	root := MerkleRoot(leaves)
	cp, err := r.Checkpoint(uint64(size), root)
	if err != nil {
		return nil, err
	}
	return &protorekor.TransparencyLogEntry{
		LogIndex:         index,
		LogId:            &protocommon.LogId{KeyId: logID},
		KindVersion:      &protorekor.KindVersion{Kind: "dsse", Version: "0.0.1"},
		IntegratedTime:   now,
		InclusionPromise: &protorekor.InclusionPromise{SignedEntryTimestamp: set},
		InclusionProof: &protorekor.InclusionProof{LogIndex: index, RootHash: root, TreeSize: size,
			Hashes: AuditPath(int(index), leaves), Checkpoint: &protorekor.Checkpoint{Envelope: cp}},
		CanonicalizedBody: body,
	}, nil
}

// dsseBody is the canonical Rekor body of a dsse entry for env.
func dsseBody(env *protodsse.Envelope, signerPEM []byte) ([]byte, error) {
	ctx := context.Background()
	envJSON, err := json.Marshal(map[string]any{
		"payloadType": env.PayloadType,
		"payload":     base64.StdEncoding.EncodeToString(env.Payload),
		"signatures":  []map[string]string{{"sig": base64.StdEncoding.EncodeToString(env.Signatures[0].Sig)}},
	})
	if err != nil {
		return nil, err
	}
	props := rtypes.ArtifactProperties{ArtifactBytes: envJSON, PublicKeyBytes: [][]byte{signerPEM}, PKIFormat: "x509"}
	pe, err := rtypes.NewProposedEntry(ctx, "dsse", "0.0.1", props)
	if err != nil {
		return nil, fmt.Errorf("creating dsse entry: %w", err)
	}
	impl, err := rtypes.CreateVersionedEntry(pe)
	if err != nil {
		return nil, fmt.Errorf("creating dsse entry: %w", err)
	}
	can, err := rtypes.CanonicalizeEntry(ctx, impl)
	if err != nil {
		return nil, fmt.Errorf("canonicalizing dsse entry: %w", err)
	}
	// Round-trip as Rekor would store it.
	if _, err := models.UnmarshalProposedEntry(bytes.NewReader(can), runtime.JSONConsumer()); err != nil {
		return nil, err
	}
	return can, nil
}

// PushBundle attaches bundle to digest (of image repo imageRepo) as an OCI
// referrer in sigRepo, with cosign's own writer, as `cosign sign
// --new-bundle-format` with COSIGN_REPOSITORY=sigRepo does.
func PushBundle(sigRepo, imageRepo, digest string, bundle []byte) error {
	d, err := name.NewDigest(imageRepo + "@" + digest)
	if err != nil {
		return fmt.Errorf("parsing digest: %w", err)
	}
	target, err := name.NewRepository(sigRepo)
	if err != nil {
		return fmt.Errorf("parsing signature repository: %w", err)
	}
	if err := ociremote.WriteAttestationNewBundleFormat(d, bundle, CosignSignPredicate, ociremote.WithTargetRepository(target)); err != nil {
		return fmt.Errorf("writing bundle referrer: %w", err)
	}
	return nil
}

// SignImageBundle signs digest in the bundle layout with the revision as a
// subject annotation and pushes it as a referrer in sigRepo.
func (k *Key) SignImageBundle(sigRepo, imageRepo, digest, revision string, rekor *Rekor) error {
	b, err := k.NewBundle(BundleClaims{Digest: digest, Annotations: map[string]string{RevisionLabel: revision}}, rekor)
	if err != nil {
		return err
	}
	return PushBundle(sigRepo, imageRepo, digest, b)
}

package verifytest

import (
	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// Images, indexes, attestations and the classic signature layout live in
// internal/ocitest; these names keep verifytest's API whole.

// Image labels and annotations.
const (
	// RevisionLabel is the label Docker's build sets to the source commit.
	RevisionLabel = ocitest.RevisionLabel

	SignatureAnnotation = ocitest.SignatureAnnotation
	BundleAnnotation    = ocitest.BundleAnnotation
	SimpleSigningType   = ocitest.SimpleSigningType

	InTotoMediaType         = ocitest.InTotoMediaType
	PredicateTypeAnnotation = ocitest.PredicateTypeAnnotation
	SLSAProvenanceV02       = ocitest.SLSAProvenanceV02
	SLSAProvenanceV1        = ocitest.SLSAProvenanceV1
	SPDXPredicate           = ocitest.SPDXPredicate
)

type (
	// Platform describes one image: its platform and config labels.
	Platform = ocitest.Platform
	// Provenance is what a BuildKit SLSA provenance statement says.
	Provenance = ocitest.Provenance
	// Material is one resolved dependency.
	Material = ocitest.Material
	// AttestationLayer is one in-toto layer of an attestation manifest.
	AttestationLayer = ocitest.AttestationLayer
	// Attestation is one attestation manifest of an index.
	Attestation = ocitest.Attestation
)

// Revision is a Platform label set naming a commit.
func Revision(commit string) map[string]string { return ocitest.Revision(commit) }

// NewImage builds a small random image with the platform and labels of p.
func NewImage(p Platform) (v1.Image, error) { return ocitest.NewImage(p) }

// PushImage pushes a single-platform image to ref and returns its digest.
func PushImage(ref string, p Platform) (string, error) { return ocitest.PushImage(ref, p) }

// Push writes an image to ref and returns its digest.
func Push(ref string, img v1.Image) (string, error) { return ocitest.Push(ref, img) }

// PushIndex pushes a multi-platform index of the given platforms to ref,
// with a buildx-style attestation manifest when attestation is set. It
// returns the index digest and the platform manifests' digests in order.
func PushIndex(ref string, platforms []Platform, attestation bool) (string, []string, error) {
	return ocitest.PushIndex(ref, platforms, attestation)
}

// NewIndex builds an index without pushing it.
func NewIndex(platforms []Platform, attestation bool) (v1.ImageIndex, []string, error) {
	return ocitest.NewIndex(platforms, attestation)
}

// PushIndexValue writes an index to ref and returns its digest.
func PushIndexValue(ref string, idx v1.ImageIndex) (string, error) {
	return ocitest.PushIndexValue(ref, idx)
}

// PushNestedIndex pushes an index whose only entry is another index.
func PushNestedIndex(ref string, platforms []Platform) (string, error) {
	return ocitest.PushNestedIndex(ref, platforms)
}

// Copy copies an image or index from src to dst, byte for byte (THREATS C4).
func Copy(src, dst string) error { return ocitest.Copy(src, dst) }

// Statement renders p as the in-toto statement BuildKit writes.
func Statement(p Provenance) ([]byte, error) { return ocitest.Statement(p) }

// AttestationImage builds a BuildKit attestation manifest.
func AttestationImage(layers []AttestationLayer) (v1.Image, error) {
	return ocitest.AttestationImage(layers)
}

// PushAttestedIndex pushes an index of platforms plus the attestation
// manifests made by atts, which is called with the platform digests.
func PushAttestedIndex(ref string, platforms []Platform, atts func(digests []string) ([]Attestation, error)) (string, []string, error) {
	return ocitest.PushAttestedIndex(ref, platforms, atts)
}

// SigTag is the classic signature tag for a digest: sha256-<hex>.sig.
func SigTag(digest string) string { return ocitest.SigTag(digest) }

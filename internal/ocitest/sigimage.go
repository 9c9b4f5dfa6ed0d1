package ocitest

import (
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Annotation keys and media type of cosign's classic signature layout.
const (
	SignatureAnnotation = "dev.cosignproject.cosign/signature"
	BundleAnnotation    = "dev.sigstore.cosign/bundle"
	SimpleSigningType   = types.MediaType("application/vnd.dev.cosign.simplesigning.v1+json")
)

// SigTag is the classic signature tag for a digest: sha256-<hex>.sig.
func SigTag(digest string) string { return strings.Replace(digest, ":", "-", 1) + ".sig" }

// SigLayer is one classic signature layer, already signed: the payload,
// its base64 signature and the Rekor bundle annotation's JSON ("" leaves
// the annotation out).
type SigLayer struct {
	Payload   []byte
	Signature string
	Bundle    string
}

// SignatureImage builds the .sig manifest cosign writes: one
// simple-signing layer per signature, annotated with the signature and
// bundle.
func SignatureImage(layers []SigLayer) (v1.Image, error) {
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	for _, l := range layers {
		ann := map[string]string{SignatureAnnotation: l.Signature}
		if l.Bundle != "" {
			ann[BundleAnnotation] = l.Bundle
		}
		var err error
		img, err = mutate.Append(img, mutate.Addendum{
			Layer:       static.NewLayer(l.Payload, SimpleSigningType),
			Annotations: ann,
			MediaType:   SimpleSigningType,
		})
		if err != nil {
			return nil, fmt.Errorf("adding signature layer: %w", err)
		}
	}
	return img, nil
}

// PushSignatures writes layers as the classic signature manifest for
// digest in sigRepo (for example host/mcp/signatures), replacing any there.
func PushSignatures(sigRepo, digest string, layers []SigLayer) error {
	img, err := SignatureImage(layers)
	if err != nil {
		return err
	}
	_, err = Push(sigRepo+":"+SigTag(digest), img)
	return err
}

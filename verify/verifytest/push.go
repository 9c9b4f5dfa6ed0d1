package verifytest

import (
	"encoding/json"
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

// SignatureImage builds the .sig manifest cosign writes: one
// simple-signing layer per signature, annotated with the signature and
// bundle.
func SignatureImage(sigs []Sig) (v1.Image, error) {
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	for _, s := range sigs {
		ann := map[string]string{SignatureAnnotation: s.Signature}
		switch {
		case s.RawBundle != "":
			ann[BundleAnnotation] = s.RawBundle
		case s.Bundle != nil:
			b, err := json.Marshal(s.Bundle)
			if err != nil {
				return nil, fmt.Errorf("encoding bundle: %w", err)
			}
			ann[BundleAnnotation] = string(b)
		}
		var err error
		img, err = mutate.Append(img, mutate.Addendum{
			Layer:       static.NewLayer(s.Payload, SimpleSigningType),
			Annotations: ann,
			MediaType:   SimpleSigningType,
		})
		if err != nil {
			return nil, fmt.Errorf("adding signature layer: %w", err)
		}
	}
	return img, nil
}

// PushSignatures writes sigs as the classic signature manifest for digest
// in sigRepo (for example host/mcp/signatures), replacing any there.
func PushSignatures(sigRepo, digest string, sigs []Sig) error {
	img, err := SignatureImage(sigs)
	if err != nil {
		return err
	}
	_, err = Push(sigRepo+":"+SigTag(digest), img)
	return err
}

// Sign signs digest as an image of repo built from revision, logs the
// signature with rekor (when not nil) and pushes it to sigRepo: what
// Docker's pipeline does for an mcp/* image.
func (k *Key) SignImage(sigRepo, repo, digest, revision string, rekor *Rekor) error {
	s, err := k.NewSig(Claims{Digest: digest, Reference: repo, Revision: revision}, rekor)
	if err != nil {
		return err
	}
	return PushSignatures(sigRepo, digest, []Sig{s})
}

// PushSigned pushes a single-platform image labelled with revision to
// <host>/mcp/<name>:latest and signs it in <host>/mcp/signatures with key,
// logged by rekor: one Docker-built catalog server, ready to verify. It
// returns the image digest.
func (r *Registry) PushSigned(name, revision string, key *Key, rekor *Rekor) (string, error) {
	repo := r.Host + "/mcp/" + name
	d, err := PushImage(repo+":latest", Platform{Labels: Revision(revision)})
	if err != nil {
		return "", err
	}
	return d, key.SignImage(r.Host+"/mcp/signatures", repo, d, revision, rekor)
}

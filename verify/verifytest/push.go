package verifytest

import (
	"encoding/json"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// SignatureImage builds the .sig manifest cosign writes: one
// simple-signing layer per signature, annotated with the signature and
// bundle.
func SignatureImage(sigs []Sig) (v1.Image, error) {
	layers := make([]ocitest.SigLayer, 0, len(sigs))
	for _, s := range sigs {
		l := ocitest.SigLayer{Payload: s.Payload, Signature: s.Signature, Bundle: s.RawBundle}
		if l.Bundle == "" && s.Bundle != nil {
			b, err := json.Marshal(s.Bundle)
			if err != nil {
				return nil, fmt.Errorf("encoding bundle: %w", err)
			}
			l.Bundle = string(b)
		}
		layers = append(layers, l)
	}
	return ocitest.SignatureImage(layers)
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

package demosign

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// NewSig signs claims with k and, when log is not nil, logs the signature
// and attaches the bundle: one classic signature layer.
func (k *Key) NewSig(c Claims, log *Log) (ocitest.SigLayer, error) {
	p := Payload(c)
	sig, err := k.sign(p)
	if err != nil {
		return ocitest.SigLayer{}, err
	}
	l := ocitest.SigLayer{Payload: p, Signature: base64.StdEncoding.EncodeToString(sig)}
	if log == nil {
		return l, nil
	}
	b, err := log.Bundle(sig, p, k.PublicPEM())
	if err != nil {
		return ocitest.SigLayer{}, err
	}
	raw, err := json.Marshal(b)
	if err != nil {
		return ocitest.SigLayer{}, fmt.Errorf("encoding bundle: %w", err)
	}
	l.Bundle = string(raw)
	return l, nil
}

// SignImage signs digest as an image of repo built from revision, logs the
// signature with log (when not nil) and pushes it to sigRepo: what Docker's
// pipeline does for an mcp/* image.
func (k *Key) SignImage(sigRepo, repo, digest, revision string, log *Log) error {
	s, err := k.NewSig(Claims{Digest: digest, Reference: repo, Revision: revision}, log)
	if err != nil {
		return err
	}
	return ocitest.PushSignatures(sigRepo, digest, []ocitest.SigLayer{s})
}

package verify

// This file keeps bundles.go's cosign and sigstore-go checks working until
// that path checks bundles with sigkeys too. Delete it then, with the
// bundleTrust field of Verifier and the newBundleTrust call in New.

import (
	"crypto"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// bundleTrust is the signing key and transparency-log trust as the bundle
// path's cosign.CheckOpts takes them.
type bundleTrust struct {
	verifier signature.Verifier
	trust    root.TrustedMaterial
}

// newBundleTrust builds them from the same inputs as cfg.logs and key.
func newBundleTrust(cfg *config, key *sigkeys.PublicKey) (bundleTrust, error) {
	sv, err := signature.LoadVerifier(key.Public(), crypto.SHA256)
	if err != nil {
		return bundleTrust{}, fmt.Errorf("loading signature verifier: %w", err)
	}
	var tr root.TrustedMaterial
	switch {
	case cfg.rekorPEMs != nil:
		tr, err = trustFromKeys(cfg.rekorPEMs)
	case cfg.trustedRoot != nil:
		tr, err = root.NewTrustedRootFromJSON(cfg.trustedRoot)
	default:
		tr, err = root.NewTrustedRootFromJSON(sigstoreTrustedRoot)
	}
	if err != nil {
		return bundleTrust{}, fmt.Errorf("building bundle trust: %w", err)
	}
	return bundleTrust{verifier: sv, trust: tr}, nil
}

// trustFromKeys builds trusted material holding only transparency-log keys.
// PEM keys come without a validity window, so each is valid from the epoch:
// sigstore-go refuses a log key whose window has no start.
func trustFromKeys(pems [][]byte) (*root.TrustedRoot, error) {
	logs := map[string]*root.TransparencyLog{}
	for _, p := range pems {
		k, err := sigkeys.ParsePEM(p)
		if err != nil {
			return nil, err
		}
		id := sha256.Sum256(k.DER())
		logs[hex.EncodeToString(id[:])] = &root.TransparencyLog{
			ID:                  id[:],
			ValidityPeriodStart: time.Unix(1, 0),
			HashFunc:            crypto.SHA256,
			PublicKey:           k.Public(),
			SignatureHashFunc:   crypto.SHA256,
			BaseURL:             "https://rekor.invalid",
		}
	}
	return root.NewTrustedRoot(root.TrustedRootMediaType01, nil, nil, nil, logs)
}

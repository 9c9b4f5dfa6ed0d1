package verify

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/sigstore/sigstore-go/pkg/root"
)

// trustFromKeys builds trusted material holding only transparency-log keys.
// PEM keys come without a validity window, so each is valid from the epoch:
// sigstore-go refuses a log key whose window has no start.
func trustFromKeys(pems [][]byte) (*root.TrustedRoot, error) {
	logs := map[string]*root.TransparencyLog{}
	for _, p := range pems {
		k, err := parseKey(p)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKIXPublicKey(k)
		if err != nil {
			return nil, fmt.Errorf("encoding rekor key: %w", err)
		}
		id := sha256.Sum256(der)
		logs[hex.EncodeToString(id[:])] = &root.TransparencyLog{
			ID:                  id[:],
			ValidityPeriodStart: time.Unix(1, 0),
			HashFunc:            crypto.SHA256,
			PublicKey:           k,
			SignatureHashFunc:   crypto.SHA256,
			BaseURL:             "https://rekor.invalid",
		}
	}
	return root.NewTrustedRoot(root.TrustedRootMediaType01, nil, nil, nil, logs)
}

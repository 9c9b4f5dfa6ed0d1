package verify

import (
	"crypto"
	"crypto/ecdsa"
	"fmt"
	"time"

	"github.com/mcp-trust/mcp-trust/verify/internal/sgbundle"
	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// This file hands the Verifier's signing key and trusted Rekor logs to
// sgbundle's function seams.

// bundleKeyOf is the signing key as sgbundle takes it.
func bundleKeyOf(k *sigkeys.PublicKey) sgbundle.Key {
	return sgbundle.Key{DER: k.DER(), Verify: k.VerifySignature}
}

// bundleLogsOf looks up a trusted Rekor log by ID and integrated time, as
// sigstore-go's SET check does: the log's window must have a start, the
// time must fall inside it (sigkeys.LogKeys.Lookup), and the key must be
// ECDSA signing SHA-256, which is what VerifySignature checks.
func bundleLogsOf(logs *sigkeys.LogKeys) sgbundle.LogKeys {
	return func(id []byte, t time.Time) (sgbundle.LogKey, error) {
		k, err := logs.Lookup(id, t)
		if err != nil {
			return sgbundle.LogKey{}, err
		}
		_, h, err := logs.CheckpointKey(id)
		if err != nil {
			return sgbundle.LogKey{}, err
		}
		if _, ok := k.Public().(*ecdsa.PublicKey); !ok || h != crypto.SHA256 {
			return sgbundle.LogKey{}, fmt.Errorf("unsupported rekor log key %T", k.Public())
		}
		return sgbundle.LogKey{DER: k.DER(), Verify: k.VerifySignature}, nil
	}
}

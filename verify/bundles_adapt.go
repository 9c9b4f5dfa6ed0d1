package verify

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/mcp-trust/mcp-trust/verify/internal/sgbundle"
)

// This file adapts the Verifier's sigstore-typed key and trust root to
// sgbundle's function seams. It is the only bundle code that touches
// sigstore types; it goes away when the key and the trust root are our own.

// bundleKey is the signing key as sgbundle takes it.
func (r *run) bundleKey() (sgbundle.Key, error) { return bundleKeyOf(r.v.verifier) }

// bundleLogs is the trusted Rekor logs as sgbundle takes them.
func (r *run) bundleLogs() sgbundle.LogKeys { return bundleLogsOf(r.v.trust) }

func bundleKeyOf(sv signature.Verifier) (sgbundle.Key, error) {
	pub, err := sv.PublicKey()
	if err != nil {
		return sgbundle.Key{}, fmt.Errorf("reading the signing key: %w", err)
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return sgbundle.Key{}, fmt.Errorf("encoding the signing key: %w", err)
	}
	verify := func(msg, sig []byte) error {
		return sv.VerifySignature(bytes.NewReader(sig), bytes.NewReader(msg))
	}
	return sgbundle.Key{DER: der, Verify: verify}, nil
}

// bundleLogsOf looks up a trusted Rekor log by ID and integrated time, as
// sigstore-go's SET check does: the log's window must have a start, the
// time must fall inside it, and the key must be ECDSA (signing SHA-256).
func bundleLogsOf(tm root.TrustedMaterial) sgbundle.LogKeys {
	logs := tm.RekorLogs()
	return func(id []byte, t time.Time) (sgbundle.LogKey, error) {
		tl, ok := logs[hex.EncodeToString(id)]
		if !ok {
			return sgbundle.LogKey{}, errors.New("rekor log public key not found")
		}
		start, end := tl.ValidityPeriodStart, tl.ValidityPeriodEnd
		if start.IsZero() || start.After(t) || (!end.IsZero() && end.Before(t)) {
			return sgbundle.LogKey{}, errors.New("rekor log public key not valid at integrated time")
		}
		k, ok := tl.PublicKey.(*ecdsa.PublicKey)
		if !ok || tl.SignatureHashFunc != crypto.SHA256 {
			return sgbundle.LogKey{}, fmt.Errorf("unsupported rekor log key %T", tl.PublicKey)
		}
		der, err := x509.MarshalPKIXPublicKey(k)
		if err != nil {
			return sgbundle.LogKey{}, fmt.Errorf("encoding rekor log key: %w", err)
		}
		verify := func(msg, sig []byte) error {
			h := sha256.Sum256(msg)
			if !ecdsa.VerifyASN1(k, h[:], sig) {
				return errors.New("invalid signature")
			}
			return nil
		}
		return sgbundle.LogKey{DER: der, Verify: verify}, nil
	}
}

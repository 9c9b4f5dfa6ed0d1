package sigkeys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	_ "crypto/sha512" // SHA-384 and SHA-512 for crypto.Hash.New
	"encoding/hex"
	"errors"
	"fmt"
)

// CheckpointKey returns the key of the log named logID and the hash its
// signatures over checkpoints (signed tree heads) use, as sigstore-go's
// transparency-log check loads them for an inclusion proof: by log ID
// alone, without the validity window, which only the signed entry
// timestamp is checked against. Keys given as PEM use SHA-256; keys of a
// trusted root hash by type and curve.
func (l *LogKeys) CheckpointKey(logID []byte) (*PublicKey, crypto.Hash, error) {
	lk, ok := l.logs[hex.EncodeToString(logID)]
	if !ok {
		return nil, 0, errors.New("transparency log key not found for the entry's log ID")
	}
	return lk.key, lk.sigHash, nil
}

// signatureHash is sigstore-go's choice of signature hash for a log key of
// a trusted root.
func signatureHash(pub crypto.PublicKey) crypto.Hash {
	switch pk := pub.(type) {
	case *ecdsa.PublicKey:
		switch pk.Curve {
		case elliptic.P384():
			return crypto.SHA384
		case elliptic.P521():
			return crypto.SHA512
		}
	case ed25519.PublicKey:
		return crypto.SHA512
	}
	return crypto.SHA256
}

// VerifySignatureHash checks sig over msg as signature.LoadVerifier(key,
// h).VerifySignature does: ECDSA and RSA PKCS #1 v1.5 over msg hashed with
// h (SHA-256, SHA-384 or SHA-512), Ed25519 over msg itself whatever h.
func (k *PublicKey) VerifySignatureHash(msg, sig []byte, h crypto.Hash) error {
	if _, ok := k.pub.(ed25519.PublicKey); ok {
		return k.VerifySignature(msg, sig)
	}
	if h != crypto.SHA256 && h != crypto.SHA384 && h != crypto.SHA512 {
		return fmt.Errorf("verifying signature: unsupported hash %v", h)
	}
	hh := h.New()
	hh.Write(msg)
	digest := hh.Sum(nil)
	switch pub := k.pub.(type) {
	case *ecdsa.PublicKey:
		return verifyECDSA(pub, digest, sig)
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(pub, h, digest, sig); err != nil {
			return fmt.Errorf("verifying signature: %w", err)
		}
		return nil
	}
	return fmt.Errorf("verifying signature: unsupported key type %T", k.pub)
}

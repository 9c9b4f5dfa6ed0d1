package sigkeys

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// PublicKey is an ECDSA, RSA or Ed25519 public key with its PKIX DER.
type PublicKey struct {
	pub crypto.PublicKey
	der []byte
}

// ParsePEM reads the first PEM block of pemBytes as cryptoutils'
// UnmarshalPEMToPublicKey does: a PKIX "PUBLIC KEY" or a PKCS #1 "RSA PUBLIC
// KEY"; text before and after the block is ignored, as there. Key types no
// sigstore verifier loads (DSA, X25519) are refused.
func ParsePEM(pemBytes []byte) (*PublicKey, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("parsing public key: PEM decoding failed")
	}
	var pub crypto.PublicKey
	var err error
	switch block.Type {
	case "PUBLIC KEY":
		pub, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
	default:
		return nil, fmt.Errorf("parsing public key: unknown PEM type %q", block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("parsing public key: %w", err)
	}
	return fromPublic(pub)
}

// ParseDER reads a PKIX (SubjectPublicKeyInfo) DER public key.
func ParseDER(der []byte) (*PublicKey, error) {
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("parsing public key: %w", err)
	}
	return fromPublic(pub)
}

// fromPublic wraps a parsed key of a supported type.
func fromPublic(pub crypto.PublicKey) (*PublicKey, error) {
	switch pub.(type) {
	case *ecdsa.PublicKey, *rsa.PublicKey, ed25519.PublicKey:
	default:
		return nil, fmt.Errorf("parsing public key: unsupported key type %T", pub)
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("encoding public key: %w", err)
	}
	return &PublicKey{pub: pub, der: der}, nil
}

// Equal reports whether both keys have the same PKIX DER.
func (k *PublicKey) Equal(o *PublicKey) bool {
	return k != nil && o != nil && bytes.Equal(k.der, o.der)
}

// DER returns a copy of the key's PKIX DER.
func (k *PublicKey) DER() []byte { return bytes.Clone(k.der) }

// LogID is the SHA-256 of the key's PKIX DER: how Rekor names a log by its
// key.
func (k *PublicKey) LogID() []byte {
	sum := sha256.Sum256(k.der)
	return sum[:]
}

// Public returns the key as the crypto package types it.
func (k *PublicKey) Public() crypto.PublicKey { return k.pub }

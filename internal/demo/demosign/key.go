package demosign

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
)

// Key is a freshly generated ECDSA P-256 key: a signing key, or a log key.
type Key struct {
	priv *ecdsa.PrivateKey
	der  []byte // PKIX DER of the public key
}

// NewKey generates a key.
func NewKey() (*Key, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating key: %w", err)
	}
	der, err := x509.MarshalPKIXPublicKey(priv.Public())
	if err != nil {
		return nil, fmt.Errorf("encoding public key: %w", err)
	}
	return &Key{priv: priv, der: der}, nil
}

// PublicPEM is the public key as cosign writes cosign.pub: a PEM "PUBLIC
// KEY" block of the PKIX DER.
func (k *Key) PublicPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: k.der})
}

// LogID is the transparency-log ID of the key: hex SHA-256 of its DER.
func (k *Key) LogID() string {
	sum := sha256.Sum256(k.der)
	return hex.EncodeToString(sum[:])
}

// sign signs msg as sigstore's ECDSA signer does: an ASN.1 DER signature
// over its SHA-256.
func (k *Key) sign(msg []byte) ([]byte, error) {
	sum := sha256.Sum256(msg)
	sig, err := ecdsa.SignASN1(rand.Reader, k.priv, sum[:])
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	return sig, nil
}

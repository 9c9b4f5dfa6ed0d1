package sigkeys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
)

// VerifySignature checks sig over msg as sigstore's
// signature.LoadVerifier(key, crypto.SHA256).VerifySignature does: ECDSA
// over SHA-256 for every curve, ASN.1 or else IEEE P1363 encoded; RSA
// PKCS #1 v1.5 over SHA-256; Ed25519 over the message itself.
func (k *PublicKey) VerifySignature(msg, sig []byte) error {
	if pub, ok := k.pub.(ed25519.PublicKey); ok {
		if !ed25519.Verify(pub, msg, sig) {
			return errors.New("verifying signature: ed25519 signature does not verify")
		}
		return nil
	}
	sum := sha256.Sum256(msg)
	return k.VerifyDigest(sum[:], sig)
}

// VerifyDigest checks sig over a SHA-256 digest. Ed25519 signs messages, not
// digests, so it refuses.
func (k *PublicKey) VerifyDigest(digest, sig []byte) error {
	if len(digest) != sha256.Size {
		return fmt.Errorf("verifying signature: digest is %d bytes, want %d", len(digest), sha256.Size)
	}
	switch pub := k.pub.(type) {
	case *ecdsa.PublicKey:
		return verifyECDSA(pub, digest, sig)
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest, sig); err != nil {
			return fmt.Errorf("verifying signature: %w", err)
		}
		return nil
	}
	return fmt.Errorf("verifying signature: %T keys do not verify digests", k.pub)
}

// verifyECDSA mirrors sigstore's ECDSAVerifier: a signature that parses as
// an ASN.1 sequence of two integers (trailing bytes allowed there) must
// verify strictly as ASN.1; anything else is read as r||s.
func verifyECDSA(pub *ecdsa.PublicKey, digest, sig []byte) error {
	var rs struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(sig, &rs); err == nil {
		if !ecdsa.VerifyASN1(pub, digest, sig) {
			return errors.New("verifying signature: invalid ASN.1 ECDSA signature")
		}
		return nil
	}
	if len(sig) == 0 || len(sig) > 132 || len(sig)%2 != 0 {
		return errors.New("verifying signature: invalid IEEE P1363 ECDSA signature encoding")
	}
	r := new(big.Int).SetBytes(sig[:len(sig)/2])
	s := new(big.Int).SetBytes(sig[len(sig)/2:])
	if !ecdsa.Verify(pub, digest, r, s) {
		return errors.New("verifying signature: invalid IEEE P1363 ECDSA signature")
	}
	return nil
}

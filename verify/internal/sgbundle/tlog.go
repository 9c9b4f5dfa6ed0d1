package sgbundle

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// LogKey is a trusted transparency log's key.
type LogKey struct {
	DER    []byte                      // PKIX DER: the checkpoint's key hint is its SHA-256's first 4 bytes
	Verify func(msg, sig []byte) error // checks an ECDSA signature over SHA-256 of msg
}

// LogKeys finds the trusted log with this ID whose key was valid at the
// entry's integrated time. An error means there is none: the entry is then
// skipped, as sigstore-go skips entries its trust root cannot verify.
type LogKeys func(logID []byte, integrated time.Time) (LogKey, error)

// VerifyTlog checks the bundle's log entries as sigstore-go's
// VerifyTlogEntry does for a key-signed DSSE bundle, and requires entries
// verified from at least threshold distinct logs.
func (b *Bundle) VerifyTlog(k Key, logs LogKeys, threshold int) error {
	if err := b.noDuplicates(); err != nil {
		return err
	}
	verified := map[string]bool{}
	for i := range b.Entries {
		e := &b.Entries[i]
		lk, err := logs(e.LogID, e.time())
		if err != nil {
			continue
		}
		ok, err := e.verify(lk, b.Envelope, k)
		if err != nil {
			return fmt.Errorf("tlog entry %d: %w", i, err)
		}
		if ok {
			verified[string(e.LogID)] = true
		}
	}
	if len(verified) < threshold {
		return fmt.Errorf("not enough verified log entries from transparency log: %d < %d", len(verified), threshold)
	}
	return nil
}

// noDuplicates refuses one log entry counted twice towards the threshold.
func (b *Bundle) noDuplicates() error {
	for i, e := range b.Entries {
		for _, f := range b.Entries[i+1:] {
			if bytes.Equal(e.LogID, f.LogID) && e.LogIndex == f.LogIndex {
				return errors.New("duplicate tlog entries found")
			}
		}
	}
	return nil
}

// time is the integrated time; zero when the entry has none.
func (e *Entry) time() time.Time {
	if e.IntegratedTime == 0 {
		return time.Time{}
	}
	return time.Unix(e.IntegratedTime, 0)
}

// verify checks one entry of a known log. A signed entry timestamp that
// does not verify skips the entry (false, nil); any other failure is an
// error.
func (e *Entry) verify(lk LogKey, env Envelope, k Key) (bool, error) {
	if !e.HasPromise() && e.Proof == nil {
		return false, errors.New("entry must contain an inclusion proof and/or promise")
	}
	if e.HasPromise() && e.verifySET(lk) != nil {
		return false, nil
	}
	if e.Proof != nil {
		if err := e.verifyInclusion(lk); err != nil {
			return false, err
		}
	}
	return true, e.matches(env, k)
}

// matches requires the logged entry to be about this envelope: the same
// signature, the same key, the same payload.
func (e *Entry) matches(env Envelope, k Key) error {
	var sig []byte
	if len(env.Signatures) > 0 {
		sig = env.Signatures[0].Sig
	}
	if !bytes.Equal(e.body.sig, sig) {
		return errors.New("transparency log signature does not match")
	}
	if !sameKey(e.body.verifierPEM, k.DER) {
		return errors.New("transparency log certificate does not match")
	}
	logged, err := hex.DecodeString(e.body.payloadHash)
	if err != nil {
		return fmt.Errorf("decoding logged payload hash: %w", err)
	}
	if sum := sha256.Sum256(env.Payload); !bytes.Equal(sum[:], logged) {
		return fmt.Errorf("transparency log dsse entry payload hash %x does not match envelope payload hash %x", logged, sum)
	}
	return nil
}

// sameKey reports whether a logged PEM public key (not a certificate) is
// the key of der.
func sameKey(logged, der []byte) bool {
	block, _ := pem.Decode(logged)
	if block == nil {
		return false
	}
	if _, err := x509.ParseCertificate(block.Bytes); err == nil {
		return false
	}
	got, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return false
	}
	want, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return false
	}
	eq, ok := got.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(want)
}

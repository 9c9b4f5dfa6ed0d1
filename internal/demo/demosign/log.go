package demosign

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Log is the demo's transparency log: it makes the Rekor bundles cosign
// attaches, whose signed entry timestamps verify under its key as
// rekor.sigstore.dev's do under the public-good key. Nothing is logged
// anywhere; the demo trusts this key and no other.
type Log struct {
	key   *Key
	index int64
}

// NewLog generates a log key. Entries are numbered from 1001.
func NewLog() (*Log, error) {
	k, err := NewKey()
	if err != nil {
		return nil, err
	}
	return &Log{key: k, index: 1000}, nil
}

// PublicPEM is the log's public key.
func (l *Log) PublicPEM() []byte { return l.key.PublicPEM() }

// LogID is the log's ID, hex SHA-256 of its public key's DER.
func (l *Log) LogID() string { return l.key.LogID() }

// Bundle is cosign's RekorBundle as it is written into the
// dev.sigstore.cosign/bundle annotation (its field names and order).
type Bundle struct {
	SignedEntryTimestamp []byte        `json:"SignedEntryTimestamp"`
	Payload              BundlePayload `json:"Payload"`
}

// BundlePayload is cosign's RekorPayload: the base64 canonical entry body,
// when and where it was logged, and the hex ID of the log.
type BundlePayload struct {
	Body           string `json:"body"`
	IntegratedTime int64  `json:"integratedTime"`
	LogIndex       int64  `json:"logIndex"`
	LogID          string `json:"logID"`
}

// Bundle logs a hashedrekord entry for (payload, signature, signer key) and
// returns the bundle: the canonical entry body, its integration time and
// index, and a SET over them.
func (l *Log) Bundle(sig, payload, signerPEM []byte) (Bundle, error) {
	body, err := hashedrekordBody(sig, payload, signerPEM)
	if err != nil {
		return Bundle{}, err
	}
	l.index++
	p := BundlePayload{
		Body:           base64.StdEncoding.EncodeToString(body),
		IntegratedTime: time.Now().Unix(),
		LogIndex:       l.index,
		LogID:          l.LogID(),
	}
	set, err := l.SET(p)
	if err != nil {
		return Bundle{}, err
	}
	return Bundle{SignedEntryTimestamp: set, Payload: p}, nil
}

// SET signs the canonical JSON of a bundle payload with the log key.
func (l *Log) SET(p BundlePayload) ([]byte, error) {
	canon, err := canonicalPayload(p)
	if err != nil {
		return nil, err
	}
	return l.key.sign(canon)
}

// canonicalPayload is the RFC 8785 (JCS) form of p, which Rekor signs: the
// keys sorted (body, integratedTime, logID, logIndex), no white space. The
// values need nothing more of JCS: the body is base64 and the ID hex (no
// character JSON escapes), and the two integers are far below 2^53, where
// JCS's number form is Go's.
func canonicalPayload(p BundlePayload) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Body           string `json:"body"`
		IntegratedTime int64  `json:"integratedTime"`
		LogID          string `json:"logID"`
		LogIndex       int64  `json:"logIndex"`
	}{p.Body, p.IntegratedTime, p.LogID, p.LogIndex})
	if err != nil {
		return nil, fmt.Errorf("encoding bundle payload: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// hashedrekord is rekor's canonical hashedrekord v0.0.1 entry, in the field
// order rekor's models marshal it (apiVersion, spec, kind); rekor stores and
// the SET covers these bytes.
type hashedrekord struct {
	APIVersion string `json:"apiVersion"`
	Spec       struct {
		Data struct {
			Hash struct {
				Algorithm string `json:"algorithm"`
				Value     string `json:"value"`
			} `json:"hash"`
		} `json:"data"`
		Signature struct {
			Content   []byte `json:"content"`
			PublicKey struct {
				Content []byte `json:"content"`
			} `json:"publicKey"`
		} `json:"signature"`
	} `json:"spec"`
	Kind string `json:"kind"`
}

// hashedrekordBody is the canonical body of the entry for a signature sig
// over payload by the key signerPEM.
func hashedrekordBody(sig, payload, signerPEM []byte) ([]byte, error) {
	sum := sha256.Sum256(payload)
	var e hashedrekord
	e.APIVersion, e.Kind = "0.0.1", "hashedrekord"
	e.Spec.Data.Hash.Algorithm = "sha256"
	e.Spec.Data.Hash.Value = hex.EncodeToString(sum[:])
	e.Spec.Signature.Content = sig
	e.Spec.Signature.PublicKey.Content = signerPEM
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("encoding rekor entry: %w", err)
	}
	return b, nil
}

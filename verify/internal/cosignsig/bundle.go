package cosignsig

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cyberphone/json-canonicalization/go/src/webpki.org/jsoncanonicalizer"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// Bundle is cosign's Rekor bundle annotation
// (dev.sigstore.cosign/bundle), in the shape cosign reads it.
type Bundle struct {
	SignedEntryTimestamp []byte
	Payload              Payload
}

// Payload is what the signed entry timestamp signs, after canonicalising.
type Payload struct {
	Body           any    `json:"body"`
	IntegratedTime int64  `json:"integratedTime"`
	LogIndex       int64  `json:"logIndex"`
	LogID          string `json:"logID"`
}

// ParseBundle reads a bundle annotation.
func ParseBundle(annotation string) (*Bundle, error) {
	b := &Bundle{}
	if err := json.Unmarshal([]byte(annotation), b); err != nil {
		return nil, err
	}
	return b, nil
}

// VerifyBundle checks a Rekor bundle offline as cosign's VerifyBundle does
// with trusted material: the entry must hold this signature, this key and
// the payload's SHA-256, and its signed entry timestamp must verify under
// the key of the log it names, valid at its integration time. b64sig is the
// layer's signature annotation; an empty one never matches (cosign would
// skip the comparison, reading the layer as an attestation).
func VerifyBundle(b *Bundle, payload []byte, b64sig string, key *sigkeys.PublicKey, logs *sigkeys.LogKeys) error {
	body, ok := b.Payload.Body.(string)
	if !ok {
		return errors.New("bundle payload body is not a string")
	}
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return fmt.Errorf("decoding bundle body: %w", err)
	}
	e, err := parseEntry(raw)
	if err != nil {
		return fmt.Errorf("reading bundle body: %w", err)
	}
	if err := e.matches(payload, b64sig, key); err != nil {
		return err
	}
	return verifySET(b, raw, logs)
}

// verifySET checks the signed entry timestamp over the canonical JSON of
// the body (as base64 of its bytes), integration time, log index and log ID,
// under an ECDSA log key, as sigstore-go's VerifySET does.
func verifySET(b *Bundle, body []byte, logs *sigkeys.LogKeys) error {
	logID, err := hex.DecodeString(b.Payload.LogID)
	if err != nil {
		return fmt.Errorf("decoding log ID: %w", err)
	}
	k, err := logs.Lookup(logID, sigkeys.IntegratedTime(b.Payload.IntegratedTime))
	if err != nil {
		return err
	}
	pub, ok := k.Public().(*ecdsa.PublicKey)
	if !ok {
		return fmt.Errorf("unsupported transparency log key type %T", k.Public())
	}
	signed, err := json.Marshal(Payload{
		Body:           base64.StdEncoding.EncodeToString(body),
		IntegratedTime: b.Payload.IntegratedTime,
		LogIndex:       b.Payload.LogIndex,
		LogID:          hex.EncodeToString(logID),
	})
	if err != nil {
		return fmt.Errorf("encoding signed entry: %w", err)
	}
	canonical, err := jsoncanonicalizer.Transform(signed)
	if err != nil {
		return fmt.Errorf("canonicalizing signed entry: %w", err)
	}
	sum := sha256.Sum256(canonical)
	if !ecdsa.VerifyASN1(pub, sum[:], b.SignedEntryTimestamp) {
		return errors.New("unable to verify SET")
	}
	return nil
}

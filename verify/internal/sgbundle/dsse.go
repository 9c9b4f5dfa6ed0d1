package sgbundle

import (
	"errors"
	"fmt"
)

// InTotoPayloadType is the DSSE payload type of an in-toto statement.
const InTotoPayloadType = "application/vnd.in-toto+json"

// Key is the key the bundle must be signed with.
type Key struct {
	DER    []byte                      // PKIX DER, to compare with the key a log entry names
	Verify func(msg, sig []byte) error // checks sig over msg (hashing as the key's scheme does)
}

// PAE is DSSE's pre-authentication encoding of a payload.
func PAE(payloadType string, payload []byte) []byte {
	return fmt.Appendf(nil, "DSSEv1 %d %s %d %s", len(payloadType), payloadType, len(payload), payload)
}

// VerifySignature checks what sigstore-go checks of a key-signed DSSE
// bundle without its log entries: exactly one signature, whose key ID, if
// any, is the key's SSH fingerprint, verifying over the envelope's PAE
// under the key; and a payload that is an in-toto statement.
func (b *Bundle) VerifySignature(k Key) error {
	env := b.Envelope
	if len(env.Signatures) != 1 {
		return errors.New("DSSE envelope must have exactly one signature")
	}
	s := env.Signatures[0]
	if id := keyFingerprint(k.DER); s.KeyID != "" && id != "" && s.KeyID != id {
		return fmt.Errorf("DSSE signature names key %q, not %s", s.KeyID, id)
	}
	if err := k.Verify(PAE(env.PayloadType, env.Payload), s.Sig); err != nil {
		return fmt.Errorf("verifying DSSE signature: %w", err)
	}
	if _, err := b.Statement(); err != nil {
		return err
	}
	return nil
}

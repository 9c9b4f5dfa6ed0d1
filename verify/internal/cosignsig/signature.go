package cosignsig

import (
	"encoding/base64"
	"fmt"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// VerifySignature checks a layer's base64 signature over its payload under
// key, as cosign's VerifyImageSignature does with a public key.
func VerifySignature(key *sigkeys.PublicKey, payload []byte, b64sig string) error {
	sig, err := base64.StdEncoding.DecodeString(b64sig)
	if err != nil {
		return fmt.Errorf("decoding signature: %w", err)
	}
	return key.VerifySignature(payload, sig)
}

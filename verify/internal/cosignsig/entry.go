package cosignsig

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// entry is what a Rekor body says about a signature.
type entry struct {
	kind    string
	sig     []byte // decoded signature
	key     []byte // decoded public key, PEM
	hashAlg string
	hash    string // hex
}

// parseEntry reads a hashedrekord or rekord v0.0.1 body. Top-level names
// match case-insensitively (as rekor's models decode them), the spec's
// exactly (as rekor's DecodeEntry looks them up).
func parseEntry(raw []byte) (*entry, error) {
	var top struct {
		Kind       string  `json:"kind"`
		APIVersion *string `json:"apiVersion"`
		Spec       any     `json:"spec"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, err
	}
	if top.Kind != "hashedrekord" && top.Kind != "rekord" {
		return nil, fmt.Errorf("unsupported entry kind %q", top.Kind)
	}
	if top.APIVersion == nil || *top.APIVersion != "0.0.1" {
		return nil, fmt.Errorf("unsupported %s version", top.Kind)
	}
	spec, ok := top.Spec.(map[string]any)
	if !ok {
		return nil, errors.New("entry has no spec")
	}
	if top.Kind == "rekord" {
		return parseRekord(spec)
	}
	return parseHashedRekord(spec)
}

func parseHashedRekord(spec map[string]any) (*entry, error) {
	e := &entry{kind: "hashedrekord"}
	if err := e.readSignature(spec); err != nil {
		return nil, err
	}
	return e, e.readHash(spec)
}

// parseRekord reads a rekord entry; only the x509 format is what cosign
// writes for a key.
func parseRekord(spec map[string]any) (*entry, error) {
	e := &entry{kind: "rekord"}
	if err := e.readSignature(spec); err != nil {
		return nil, err
	}
	if f, _ := member(spec, "signature")["format"].(string); f != "x509" {
		return nil, fmt.Errorf("unsupported rekord signature format %q", f)
	}
	return e, e.readHash(spec)
}

// member is the object under name, or nil.
func member(m map[string]any, name string) map[string]any {
	v, _ := m[name].(map[string]any)
	return v
}

// readSignature reads signature.content and signature.publicKey.content.
func (e *entry) readSignature(spec map[string]any) error {
	sig := member(spec, "signature")
	var err error
	if e.sig, err = content(sig); err != nil {
		return fmt.Errorf("signature content: %w", err)
	}
	if e.key, err = content(member(sig, "publicKey")); err != nil {
		return fmt.Errorf("public key content: %w", err)
	}
	return nil
}

// content is a non-empty base64 "content" member.
func content(m map[string]any) ([]byte, error) {
	s, _ := m["content"].(string)
	if s == "" {
		return nil, errors.New("missing")
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, errors.New("empty")
	}
	return b, nil
}

// readHash reads data.hash.
func (e *entry) readHash(spec map[string]any) error {
	h := member(member(spec, "data"), "hash")
	alg, okA := h["algorithm"].(string)
	val, okV := h["value"].(string)
	if !okA || !okV {
		return errors.New("entry has no data hash")
	}
	e.hashAlg, e.hash = alg, val
	return nil
}

// matches requires the entry to hold this signature and key and the
// payload's SHA-256; a hashedrekord's signature must verify over that
// digest too, as rekor checks when it reads one.
func (e *entry) matches(payload []byte, b64sig string, key *sigkeys.PublicKey) error {
	if base64.StdEncoding.EncodeToString(e.sig) != b64sig {
		return errors.New("signature in bundle does not match signature being verified")
	}
	block, rest := pem.Decode(e.key)
	if block == nil || len(rest) > 0 || block.Type != "PUBLIC KEY" || !bytes.Equal(block.Bytes, key.DER()) {
		return errors.New("public key in bundle does not match the key")
	}
	sum := sha256.Sum256(payload)
	if e.hashAlg != "sha256" || e.hash != hex.EncodeToString(sum[:]) {
		return fmt.Errorf("bundle hash %s:%s does not match the payload's sha256:%x", e.hashAlg, e.hash, sum)
	}
	if e.kind == "hashedrekord" {
		if err := key.VerifyDigest(sum[:], e.sig); err != nil {
			return fmt.Errorf("bundle signature over the payload digest: %w", err)
		}
	}
	return nil
}

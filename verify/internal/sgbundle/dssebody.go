package sgbundle

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// dsseVersion is the one Rekor v1 entry type a DSSE bundle's entry may be.
const dsseVersion = "0.0.1"

// dsseBody is what a dsse v0.0.1 entry records: the payload's SHA-256 (hex),
// and the envelope's signature with the PEM key that verified it.
type dsseBody struct {
	payloadHash string
	sig         []byte
	verifierPEM []byte
}

// isB64 is rekor's schema pattern for the logged signature,
// ^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$,
// without a regexp compiled at every start: padded standard base64, not
// empty.
func isB64(s string) bool {
	if s == "" || len(s)%4 != 0 {
		return false
	}
	body := strings.TrimSuffix(strings.TrimSuffix(s, "="), "=")
	for _, c := range []byte(body) {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}

// parseDSSEBody reads a canonicalized dsse v0.0.1 entry as rekor's schema
// validation does. Fields rekor would ignore, a proposedContent, and more
// than one signature (the bundle's envelope has one) are refused.
func parseDSSEBody(raw []byte) (dsseBody, error) {
	root, err := pbjson.Parse(raw)
	if err != nil {
		return dsseBody{}, err
	}
	m, err := pbjson.Message(root, "entry", "apiVersion", "kind", "spec")
	if err != nil {
		return dsseBody{}, err
	}
	kind, _ := m.Str("kind")
	api, _ := m.Str("apiVersion")
	if kind != "dsse" || api != dsseVersion {
		return dsseBody{}, fmt.Errorf("unsupported entry type %q version %q", kind, api)
	}
	spec, err := m.Sub("spec", "envelopeHash", "payloadHash", "signatures")
	if err != nil {
		return dsseBody{}, err
	}
	if spec == nil {
		return dsseBody{}, errors.New("entry has no spec")
	}
	return readDSSESpec(spec)
}

func readDSSESpec(spec pbjson.Msg) (dsseBody, error) {
	if _, err := hashField(spec, "envelopeHash"); err != nil {
		return dsseBody{}, err
	}
	ph, err := hashField(spec, "payloadHash")
	if err != nil {
		return dsseBody{}, err
	}
	sigs, err := spec.List("signatures")
	if err != nil {
		return dsseBody{}, err
	}
	if len(sigs) != 1 {
		return dsseBody{}, fmt.Errorf("entry has %d signatures, want 1", len(sigs))
	}
	s, err := pbjson.Message(sigs[0], "entry signature", "signature", "verifier")
	if err != nil {
		return dsseBody{}, err
	}
	sig, _ := s.Str("signature")
	ver, _ := s.Str("verifier")
	if s["signature"] == nil || s["signature"].Kind != pbjson.String || !isB64(sig) {
		return dsseBody{}, errors.New("entry signature is not base64")
	}
	if s["verifier"] == nil || s["verifier"].Kind != pbjson.String || ver == "" {
		return dsseBody{}, errors.New("entry signature has no verifier")
	}
	b := dsseBody{payloadHash: ph}
	if b.sig, err = base64.StdEncoding.DecodeString(sig); err != nil {
		return dsseBody{}, err
	}
	if b.verifierPEM, err = base64.StdEncoding.DecodeString(ver); err != nil {
		return dsseBody{}, fmt.Errorf("decoding verifier: %w", err)
	}
	return b, nil
}

// hashField reads {"algorithm": "sha256", "value": "..."} and returns the
// value; both are required.
func hashField(spec pbjson.Msg, f string) (string, error) {
	h, err := spec.Sub(f, "algorithm", "value")
	if err != nil {
		return "", err
	}
	if h == nil {
		return "", fmt.Errorf("entry has no %s", f)
	}
	alg, err := h.Str("algorithm")
	if err != nil {
		return "", err
	}
	v, err := h.Str("value")
	if err != nil {
		return "", err
	}
	if alg != "sha256" || h["value"] == nil {
		return "", fmt.Errorf("entry %s is not a sha256 hash", f)
	}
	return v, nil
}

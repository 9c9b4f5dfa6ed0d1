package sgbundle

import (
	"errors"
	"fmt"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// MediaTypeBase starts every sigstore bundle media type.
const MediaTypeBase = "application/vnd.dev.sigstore.bundle"

// maxTlogEntries is sigstore-go's bound on a bundle's log entries.
const maxTlogEntries = 32

// Bundle is a key-signed sigstore bundle holding a DSSE envelope.
type Bundle struct {
	Version  string // "v0.1", "v0.2" or "v0.3"
	Envelope Envelope
	Entries  []Entry
}

// Envelope is the bundle's DSSE envelope.
type Envelope struct {
	PayloadType string
	Payload     []byte
	Signatures  []Signature
}

// Signature is one DSSE signature.
type Signature struct {
	Sig   []byte
	KeyID string
}

// Parse reads a bundle's JSON. It refuses what sigstore-go's NewBundle
// refuses, and also content this package cannot verify: a message
// signature or a certificate instead of a DSSE envelope under a public key
// (cosign refuses those later, for a key).
func Parse(data []byte) (*Bundle, error) {
	root, err := pbjson.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("parsing bundle JSON: %w", err)
	}
	m, err := pbjson.Message(root, "bundle", "mediaType|media_type", "verificationMaterial|verification_material",
		"dsseEnvelope|dsse_envelope", "messageSignature|message_signature")
	if err != nil {
		return nil, err
	}
	mt, err := m.Str("mediaType")
	if err != nil {
		return nil, err
	}
	b := &Bundle{}
	if b.Version, err = version(mt); err != nil {
		return nil, err
	}
	if _, ok := m["messageSignature"]; ok {
		return nil, errors.New("bundle holds a message signature, not a DSSE envelope")
	}
	if err := b.readEnvelope(m); err != nil {
		return nil, err
	}
	if err := b.readMaterial(m); err != nil {
		return nil, err
	}
	return b, b.checkProofs()
}

// version maps a bundle media type to its version. sigstore-go takes any
// semver in [v0.1, v0.4); we take the three versions that exist.
func version(mt string) (string, error) {
	for _, v := range []string{"0.1", "0.2", "0.3"} {
		if mt == MediaTypeBase+"+json;version="+v || mt == MediaTypeBase+".v"+v+"+json" {
			return "v" + v, nil
		}
	}
	return "", fmt.Errorf("unsupported bundle media type %q", mt)
}

// MinVersion reports whether the bundle is at least version v ("v0.3").
func (b *Bundle) MinVersion(v string) bool {
	return b.Version >= v // "v0.N" strings order as the versions do
}

func (b *Bundle) readEnvelope(m pbjson.Msg) error {
	e, err := m.Sub("dsseEnvelope", "payload", "payloadType", "signatures")
	if err != nil {
		return err
	}
	if e == nil {
		return errors.New("bundle holds no DSSE envelope")
	}
	if b.Envelope.Payload, err = e.Bytes("payload"); err != nil {
		return err
	}
	if len(b.Envelope.Payload) == 0 {
		return errors.New("DSSE envelope has no payload")
	}
	if b.Envelope.PayloadType, err = e.Str("payloadType"); err != nil {
		return err
	}
	sigs, err := e.List("signatures")
	if err != nil {
		return err
	}
	for _, n := range sigs {
		s, err := pbjson.Message(n, "signature", "sig", "keyid")
		if err != nil {
			return err
		}
		var sig Signature
		if sig.Sig, err = s.Bytes("sig"); err != nil {
			return err
		}
		if sig.KeyID, err = s.Str("keyid"); err != nil {
			return err
		}
		b.Envelope.Signatures = append(b.Envelope.Signatures, sig)
	}
	return nil
}

func (b *Bundle) readMaterial(m pbjson.Msg) error {
	vm, err := m.Sub("verificationMaterial", "publicKey|public_key", "x509CertificateChain|x509_certificate_chain",
		"certificate", "tlogEntries|tlog_entries", "timestampVerificationData|timestamp_verification_data")
	if err != nil {
		return err
	}
	if vm == nil {
		return errors.New("bundle has no verification material")
	}
	if _, ok := vm["publicKey"]; !ok || len(vm) != countSet(vm, "publicKey", "tlogEntries", "timestampVerificationData") {
		return errors.New("bundle verification material is not a public key")
	}
	if _, err := vm.Sub("publicKey", "hint"); err != nil {
		return err
	}
	if err := checkTimestamps(vm); err != nil {
		return err
	}
	entries, err := vm.List("tlogEntries")
	if err != nil {
		return err
	}
	if len(entries) > maxTlogEntries {
		return fmt.Errorf("too many tlog entries: %d > %d", len(entries), maxTlogEntries)
	}
	for _, n := range entries {
		e, err := parseEntry(n)
		if err != nil {
			return fmt.Errorf("reading tlog entry: %w", err)
		}
		b.Entries = append(b.Entries, e)
	}
	return nil
}

// countSet counts which of fields m has.
func countSet(m pbjson.Msg, fields ...string) int {
	n := 0
	for _, f := range fields {
		if _, ok := m[f]; ok {
			n++
		}
	}
	return n
}

// checkTimestamps reads the RFC 3161 timestamps only for their shape:
// with a key and a log entry cosign asks for no signed timestamp.
func checkTimestamps(vm pbjson.Msg) error {
	tv, err := vm.Sub("timestampVerificationData", "rfc3161Timestamps|rfc3161_timestamps")
	if err != nil || tv == nil {
		return err
	}
	ts, err := tv.List("rfc3161Timestamps")
	if err != nil {
		return err
	}
	for _, n := range ts {
		t, err := pbjson.Message(n, "timestamp", "signedTimestamp|signed_timestamp")
		if err != nil {
			return err
		}
		if _, err := t.Bytes("signedTimestamp"); err != nil {
			return err
		}
	}
	return nil
}

// checkProofs is sigstore-go's rule: a v0.1 bundle with log entries needs
// an inclusion promise in one of them, a later one an inclusion proof.
func (b *Bundle) checkProofs() error {
	if len(b.Entries) == 0 {
		return nil
	}
	promise, proof := false, false
	for _, e := range b.Entries {
		promise = promise || e.HasPromise()
		proof = proof || e.Proof != nil
	}
	if b.Version == "v0.1" && !promise {
		return errors.New("inclusion promises missing in bundle (required for bundle v0.1)")
	}
	if b.Version != "v0.1" && !proof {
		return errors.New("inclusion proof missing in bundle (required for bundle v0.2)")
	}
	return nil
}

package sgbundle

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"testing"
	"time"
)

// TestVerifySignatureKeyID: the DSSE signature's key ID may be empty or
// the key's fingerprint; any other ID is refused (the ID is not signed).
func TestVerifySignatureKeyID(t *testing.T) {
	key, _ := fuzzWorld(t)
	for id, ok := range map[string]bool{"": true, keyFingerprint(key.DER): true, "SHA256:other": false, "x": false} {
		b, err := edited(t, func(m map[string]any) {
			obj(m, "dsseEnvelope")["signatures"].([]any)[0].(map[string]any)["keyid"] = id
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.VerifySignature(key); (err == nil) != ok {
			t.Errorf("key ID %q: VerifySignature = %v, want ok %v", id, err, ok)
		}
	}
}

// newKey is a fresh P-256 signing key as a Key, and a signer.
func newKey(t *testing.T) (Key, func(msg []byte) []byte) {
	t.Helper()
	sk, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(sk.Public())
	if err != nil {
		t.Fatal(err)
	}
	sign := func(msg []byte) []byte {
		h := sha256.Sum256(msg)
		sig, err := ecdsa.SignASN1(rand.Reader, sk, h[:])
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	return Key{DER: der, Verify: ecdsaVerify(&sk.PublicKey)}, sign
}

// TestVerifySignatureStatement: a signature that verifies is not enough,
// the payload must also be an in-toto statement.
func TestVerifySignatureStatement(t *testing.T) {
	key, sign := newKey(t)
	tests := []struct {
		name, payloadType, payload string
		ok                         bool
	}{
		{"statement", InTotoPayloadType, `{"_type":"https://in-toto.io/Statement/v1","subject":[]}`, true},
		{"unknown field", InTotoPayloadType, `{"_type":"t","extra":1}`, false},
		{"not JSON", InTotoPayloadType, `statement`, false},
		{"other payload type", "application/json", `{"_type":"t"}`, false},
	}
	for _, tt := range tests {
		pae := PAE(tt.payloadType, []byte(tt.payload))
		b := &Bundle{Envelope: Envelope{PayloadType: tt.payloadType, Payload: []byte(tt.payload),
			Signatures: []Signature{{Sig: sign(pae)}}}}
		if err := b.VerifySignature(key); (err == nil) != tt.ok {
			t.Errorf("%s: VerifySignature = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

// TestVerifyTlogVariants: the seed's log entry verifies through its SET,
// its inclusion proof, or both; tampering with a part that is checked,
// counting one entry twice, or a log not valid at the entry's time fails.
func TestVerifyTlogVariants(t *testing.T) {
	key, logs := fuzzWorld(t)
	entry := func(m map[string]any) map[string]any { return seedEntries(m)[0].(map[string]any) }
	flipHash := func(m map[string]any) {
		p := obj(entry(m), "inclusionProof")
		h, _ := base64.StdEncoding.DecodeString(p["hashes"].([]any)[0].(string))
		h[0] ^= 1
		p["hashes"] = []any{base64.StdEncoding.EncodeToString(h)}
	}
	twice := func(index string) func(m map[string]any) {
		return func(m map[string]any) {
			c := cloneEntry(t, m)
			c["logIndex"] = index
			setEntries(m, append(seedEntries(m), c))
		}
	}
	bare := func(m map[string]any) {
		c := cloneEntry(t, m)
		c["logIndex"] = "7"
		delete(c, "inclusionPromise")
		delete(c, "inclusionProof")
		setEntries(m, append(seedEntries(m), c))
	}
	noSigs := func(m map[string]any) { obj(m, "dsseEnvelope")["signatures"] = []any{} }
	tests := []struct {
		name      string
		edit      func(m map[string]any)
		logs      LogKeys
		threshold int
		ok        bool
	}{
		{"seed", nil, logs, 1, true},
		{"threshold 2", nil, logs, 2, false},
		{"threshold 0", nil, logs, 0, true},
		{"no trusted log", nil, func([]byte, time.Time) (LogKey, error) { return LogKey{}, errors.New("none") }, 1, false},
		{"log valid from 2026", nil, validFrom(logs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), 1, true},
		{"log valid from 2027", nil, validFrom(logs, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)), 1, false},
		{"proof only", without("inclusionPromise"), logs, 1, true},
		{"proof only, hash flipped", both(without("inclusionPromise"), flipHash), logs, 1, false},
		{"promise only (v0.1)", both(mediaType("0.1"), without("inclusionProof")), logs, 1, true},
		{"promise and proof, hash flipped", flipHash, logs, 1, false},
		{"entry twice", twice("2"), logs, 1, false},
		{"entry twice at another index", twice("3"), logs, 1, true},
		{"second entry without promise or proof", bare, logs, 1, false},
		{"no envelope signature", noSigs, logs, 1, false},
	}
	for _, tt := range tests {
		b, err := edited(t, tt.edit)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := b.VerifyTlog(key, tt.logs, tt.threshold); (err == nil) != tt.ok {
			t.Errorf("%s: VerifyTlog = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

// validFrom is logs, for entries integrated at or after start only, as a
// trust root's validity period restricts a log key.
func validFrom(logs LogKeys, start time.Time) LogKeys {
	return func(id []byte, integrated time.Time) (LogKey, error) {
		if integrated.Before(start) {
			return LogKey{}, errors.New("log key not valid then")
		}
		return logs(id, integrated)
	}
}

// TestEntryTime: the log is asked about the integrated time, and about
// the zero time when the entry has none.
func TestEntryTime(t *testing.T) {
	if got := (&Entry{}).time(); !got.IsZero() {
		t.Errorf("time() without an integrated time = %v, want zero", got)
	}
	if got := (&Entry{IntegratedTime: 1796599194}).time(); !got.Equal(time.Unix(1796599194, 0)) {
		t.Errorf("time() = %v, want %v", got, time.Unix(1796599194, 0))
	}
}

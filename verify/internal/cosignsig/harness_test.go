package cosignsig_test

import (
	"context"
	"crypto"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	cbundle "github.com/sigstore/cosign/v3/pkg/cosign/bundle"
	"github.com/sigstore/cosign/v3/pkg/oci/static"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/mcp-trust/mcp-trust/verify/internal/cosignsig"
	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// layer is one classic signature as the registry serves it, with the keys
// it is checked under.
type layer struct {
	payload []byte
	b64sig  string
	bundle  string // the bundle annotation; "" leaves it out
	key     []byte // PEM signing key to check under
	trust   trust
}

// trust is the transparency-log trust in both forms.
type trust struct {
	ours   *sigkeys.LogKeys
	cosign root.TrustedMaterial
}

// verdict is whether the signature and its Rekor bundle verify.
type verdict struct{ sig, tlog bool }

func (v verdict) String() string { return fmt.Sprintf("signature %v, tlog %v", v.sig, v.tlog) }

// ours checks l with this package.
func ours(t testing.TB, l layer) verdict {
	t.Helper()
	key, err := sigkeys.ParsePEM(l.key)
	if err != nil {
		t.Fatal(err)
	}
	v := verdict{sig: cosignsig.VerifySignature(key, l.payload, l.b64sig) == nil}
	if l.bundle == "" {
		return v
	}
	b, err := cosignsig.ParseBundle(l.bundle)
	if err != nil {
		return v
	}
	v.tlog = cosignsig.VerifyBundle(b, l.payload, l.b64sig, key, l.trust.ours) == nil
	return v
}

// reference checks l with cosign, as verify did before: VerifyImageSignature
// without the log, then VerifyBundle with trusted material. A panic in
// cosign (it dereferences fields a body may lack) counts as a refusal.
func reference(t testing.TB, l layer) (v verdict) {
	t.Helper()
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(l.key)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadVerifier(pub, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	var opts []static.Option
	bundleOK := false
	if l.bundle != "" {
		b := &cbundle.RekorBundle{}
		if json.Unmarshal([]byte(l.bundle), b) == nil {
			opts, bundleOK = append(opts, static.WithBundle(b)), true
		}
	}
	sig, err := static.NewSignature(l.payload, l.b64sig, opts...)
	if err != nil {
		t.Fatal(err)
	}
	h := v1.Hash{Algorithm: "sha256", Hex: hex.EncodeToString(make([]byte, 32))}
	_, err = cosign.VerifyImageSignature(context.Background(), sig, h, &cosign.CheckOpts{SigVerifier: sv, IgnoreTlog: true})
	v.sig = err == nil
	if !bundleOK {
		return v
	}
	defer func() {
		if recover() != nil {
			v.tlog = false
		}
	}()
	ok, err := cosign.VerifyBundle(sig, &cosign.CheckOpts{SigVerifier: sv, TrustedMaterial: l.trust.cosign})
	v.tlog = ok && err == nil
	return v
}

// keyTrust trusts PEM log keys for all time, as WithRekorKeys does.
func keyTrust(t testing.TB, pems ...[]byte) trust {
	t.Helper()
	ours, err := sigkeys.LogKeysFromPEMs(pems...)
	if err != nil {
		t.Fatal(err)
	}
	logs := map[string]*root.TransparencyLog{}
	for _, p := range pems {
		k, err := cryptoutils.UnmarshalPEMToPublicKey(p)
		if err != nil {
			t.Fatal(err)
		}
		der, _ := cryptoutils.MarshalPublicKeyToDER(k)
		id := sha256.Sum256(der)
		logs[hex.EncodeToString(id[:])] = &root.TransparencyLog{ID: id[:], ValidityPeriodStart: time.Unix(1, 0),
			HashFunc: crypto.SHA256, PublicKey: k, SignatureHashFunc: crypto.SHA256, BaseURL: "https://rekor.invalid"}
	}
	tr, err := root.NewTrustedRoot(root.TrustedRootMediaType01, nil, nil, nil, logs)
	if err != nil {
		t.Fatal(err)
	}
	return trust{ours: ours, cosign: tr}
}

// rootTrust trusts the log key of rk from start to end (zero: open) through
// a trusted_root.json that both sides parse.
func rootTrust(t testing.TB, rk *verifytest.Rekor, start, end time.Time) trust {
	t.Helper()
	pub, _ := cryptoutils.UnmarshalPEMToPublicKey(rk.PublicPEM())
	der, _ := cryptoutils.MarshalPublicKeyToDER(pub)
	id, _ := hex.DecodeString(rk.Key.LogID())
	valid := map[string]string{"start": start.UTC().Format(time.RFC3339)}
	if !end.IsZero() {
		valid["end"] = end.UTC().Format(time.RFC3339)
	}
	doc, _ := json.Marshal(map[string]any{
		"mediaType": root.TrustedRootMediaType01,
		"tlogs": []any{map[string]any{
			"baseUrl": "https://rekor.invalid", "hashAlgorithm": "SHA2_256",
			"publicKey": map[string]any{"rawBytes": der, "keyDetails": "PKIX_ECDSA_P256_SHA_256", "validFor": valid},
			"logId":     map[string]any{"keyId": id},
		}},
	})
	ours, err := sigkeys.LogKeysFromTrustedRoot(doc)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := root.NewTrustedRootFromJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	return trust{ours: ours, cosign: tr}
}

// bundleJSON is the annotation cosign writes for b.
func bundleJSON(t testing.TB, b *cbundle.RekorBundle) string {
	t.Helper()
	raw, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// signed is a bundle for body that rk signs, at the given time and index.
func signed(t testing.TB, rk *verifytest.Rekor, body []byte, it, idx int64, logID string) *cbundle.RekorBundle {
	t.Helper()
	p := cbundle.RekorPayload{Body: base64.StdEncoding.EncodeToString(body), IntegratedTime: it, LogIndex: idx, LogID: logID}
	set, err := rk.SET(p)
	if err != nil {
		t.Fatal(err)
	}
	return &cbundle.RekorBundle{SignedEntryTimestamp: set, Payload: p}
}

// body renders a Rekor entry as Rekor canonicalises it.
func body(t testing.TB, kind, version string, spec map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"apiVersion": version, "kind": kind, "spec": spec})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hashedSpec is a hashedrekord spec for a signature, key and hex hash.
func hashedSpec(sig []byte, keyPEM []byte, alg, hash string) map[string]any {
	return map[string]any{
		"data":      map[string]any{"hash": map[string]any{"algorithm": alg, "value": hash}},
		"signature": map[string]any{"content": sig, "publicKey": map[string]any{"content": keyPEM}},
	}
}

// rekordSpec is a rekord spec in the given format.
func rekordSpec(sig []byte, keyPEM []byte, format, hash string) map[string]any {
	return map[string]any{
		"data":      map[string]any{"hash": map[string]any{"algorithm": "sha256", "value": hash}},
		"signature": map[string]any{"content": sig, "format": format, "publicKey": map[string]any{"content": keyPEM}},
	}
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func mustB64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func flipB64(t testing.TB, s string, i int) string {
	t.Helper()
	b := mustB64(t, s)
	b[i%len(b)] ^= 1
	return base64.StdEncoding.EncodeToString(b)
}

// editBundle decodes the annotation, applies f to its generic form and
// encodes it again, leaving the SET as it was.
func editBundle(t testing.TB, annotation string, f func(m map[string]any)) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(annotation), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func payloadOf(m map[string]any) map[string]any { return m["Payload"].(map[string]any) }

func sha256Sum(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}

package sigkeys_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

func embeddedRoot(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../keys/sigstore-trusted-root-public-good.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// edit returns the embedded root with f applied to its decoded JSON.
func edit(t testing.TB, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(embeddedRoot(t), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func obj(v any, path ...any) map[string]any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v.(map[string]any)
}

func tlog0(m map[string]any) map[string]any { return obj(m, "tlogs", 0) }
func key0(m map[string]any) map[string]any  { return obj(m, "tlogs", 0, "publicKey") }

func otherKeyB64(t testing.TB) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(pkix(t, k.Public()))
}

func rootCases(t testing.TB) map[string][]byte {
	t.Helper()
	orig := embeddedRoot(t)
	set := func(f func(m map[string]any)) []byte { return edit(t, f) }
	other := otherKeyB64(t)
	rsaDER := base64.StdEncoding.EncodeToString(pkix(t, testKeys(t)["rsa2048"].Public()))
	edDER := base64.StdEncoding.EncodeToString(pkix(t, testKeys(t)["ed25519"].Public()))
	keyID := tlog0Value(t, orig, "logId", "keyId")
	cases := map[string][]byte{
		"embedded":           orig,
		"trailing data":      append(bytes.Clone(orig), " x"...),
		"not an object":      []byte(`[]`),
		"empty":              nil,
		"other media type":   set(func(m map[string]any) { m["mediaType"] = "application/vnd.dev.sigstore.trustedroot+json;version=0.2" }),
		"no media type":      set(func(m map[string]any) { delete(m, "mediaType") }),
		"unknown field":      set(func(m map[string]any) { m["extra"] = 1 }),
		"capitalised field":  bytes.Replace(orig, []byte(`"mediaType"`), []byte(`"MediaType"`), 1),
		"snake_case field":   bytes.Replace(orig, []byte(`"hashAlgorithm"`), []byte(`"hash_algorithm"`), 1),
		"duplicate field":    bytes.Replace(orig, []byte(`"hashAlgorithm": "SHA2_256",`), []byte(`"hashAlgorithm": "SHA2_256", "hash_algorithm": "SHA2_256",`), 1),
		"null tlogs":         set(func(m map[string]any) { m["tlogs"] = nil }),
		"no tlogs":           set(func(m map[string]any) { delete(m, "tlogs") }),
		"null tlog":          set(func(m map[string]any) { m["tlogs"] = []any{nil} }),
		"tlog not an object": set(func(m map[string]any) { m["tlogs"] = []any{"x"} }),
		"hash SHA2_384":      set(func(m map[string]any) { tlog0(m)["hashAlgorithm"] = "SHA2_384" }),
		"hash as number 1":   set(func(m map[string]any) { tlog0(m)["hashAlgorithm"] = 1 }),
		"hash as number 2":   set(func(m map[string]any) { tlog0(m)["hashAlgorithm"] = 2 }),
		"hash unknown name":  set(func(m map[string]any) { tlog0(m)["hashAlgorithm"] = "SHA1" }),
		"no hash":            set(func(m map[string]any) { delete(tlog0(m), "hashAlgorithm") }),
		"null hash":          set(func(m map[string]any) { tlog0(m)["hashAlgorithm"] = nil }),
		"no log ID":          set(func(m map[string]any) { delete(tlog0(m), "logId") }),
		"empty log ID":       set(func(m map[string]any) { tlog0(m)["logId"] = map[string]any{} }),
		"empty key ID":       set(func(m map[string]any) { obj(tlog0(m), "logId")["keyId"] = "" }),
		"key ID URL base64":  set(func(m map[string]any) { obj(tlog0(m), "logId")["keyId"] = urlB64(keyID) }),
		"key ID bad base64":  set(func(m map[string]any) { obj(tlog0(m), "logId")["keyId"] = "%%%" }),
		"key ID number":      set(func(m map[string]any) { obj(tlog0(m), "logId")["keyId"] = 5 }),
		"no public key":      set(func(m map[string]any) { delete(tlog0(m), "publicKey") }),
		"no raw bytes":       set(func(m map[string]any) { delete(key0(m), "rawBytes") }),
		"empty raw bytes":    set(func(m map[string]any) { key0(m)["rawBytes"] = "" }),
		"garbage raw bytes":  set(func(m map[string]any) { key0(m)["rawBytes"] = "AAAA" }),
		"other ECDSA key":    set(func(m map[string]any) { key0(m)["rawBytes"] = other }),
		"RSA key as ECDSA":   set(func(m map[string]any) { key0(m)["rawBytes"] = rsaDER }),
		"RSA key as RSA": set(func(m map[string]any) {
			key0(m)["rawBytes"], key0(m)["keyDetails"] = rsaDER, "PKIX_RSA_PKCS1V15_2048_SHA256"
		}),
		"PKCS1 RSA key":         set(func(m map[string]any) { key0(m)["rawBytes"], key0(m)["keyDetails"] = pkcs1B64(t), "PKCS1_RSA_PKCS1V5" }),
		"PKIX RSA key as PKCS1": set(func(m map[string]any) { key0(m)["rawBytes"], key0(m)["keyDetails"] = rsaDER, "PKCS1_RSA_PKCS1V5" }),
		"CA organization number": set(func(m map[string]any) {
			obj(m, "certificateAuthorities", 0)["subject"] = map[string]any{"organization": 5}
		}),
		"CA common name": set(func(m map[string]any) {
			obj(m, "certificateAuthorities", 0)["subject"] = map[string]any{"commonName": "x"}
		}),
		"start at the last ns":   set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "9999-12-31T23:59:59.999999999Z" }),
		"end at the last ns":     set(func(m map[string]any) { obj(key0(m), "validFor")["end"] = "9999-12-31T23:59:59.999999999Z" }),
		"ed25519 key":            set(func(m map[string]any) { key0(m)["rawBytes"], key0(m)["keyDetails"] = edDER, "PKIX_ED25519" }),
		"ECDSA key as ED25519":   set(func(m map[string]any) { key0(m)["keyDetails"] = "PKIX_ED25519" }),
		"details P384 for P256":  set(func(m map[string]any) { key0(m)["keyDetails"] = "PKIX_ECDSA_P384_SHA_384" }),
		"details as number 5":    set(func(m map[string]any) { key0(m)["keyDetails"] = 5 }),
		"details unsupported":    set(func(m map[string]any) { key0(m)["keyDetails"] = "PKIX_ECDSA_P256_HMAC_SHA_256" }),
		"details unknown":        set(func(m map[string]any) { key0(m)["keyDetails"] = "NOPE" }),
		"no details":             set(func(m map[string]any) { delete(key0(m), "keyDetails") }),
		"no validity":            set(func(m map[string]any) { delete(key0(m), "validFor") }),
		"empty validity":         set(func(m map[string]any) { key0(m)["validFor"] = map[string]any{} }),
		"validity with end":      set(func(m map[string]any) { obj(key0(m), "validFor")["end"] = "2024-01-01T00:00:00Z" }),
		"validity null end":      set(func(m map[string]any) { obj(key0(m), "validFor")["end"] = nil }),
		"start at year 1":        set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "0001-01-01T00:00:00Z" }),
		"start with offset":      set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "2021-01-12T13:53:27+02:00" }),
		"start lowercase z":      set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "2021-01-12t11:53:27z" }),
		"start ten digits":       set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "2021-01-12T11:53:27.0000000001Z" }),
		"start nine digits":      set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "2021-01-12T11:53:27.000000001Z" }),
		"start not a time":       set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "yesterday" }),
		"start year 10000":       set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = "10000-01-01T00:00:00Z" }),
		"start as number":        set(func(m map[string]any) { obj(key0(m), "validFor")["start"] = 1610452407 }),
		"unknown key field":      set(func(m map[string]any) { key0(m)["extra"] = true }),
		"base URL invalid UTF-8": bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte("\"https://rekor\xff.dev\""), 1),
		"escaped lone surrogate": bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte(`"https://rekor\ud800.dev"`), 1),
		"escaped surrogate pair": bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte(`"https://rekor\ud83d\ude00.dev"`), 1),
		"escaped low surrogate":  bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte(`"https://rekor\ude00.dev"`), 1),
		"reversed surrogates":    bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte(`"https://rekor\ude00\ud83d.dev"`), 1),
		"escaped quote, slash":   bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte(`"https://rekor\"\\u.dev"`), 1),
		"escaped unicode":        bytes.Replace(orig, []byte(`"https://rekor.sigstore.dev"`), []byte(`"https://rekor\u00e9.dev"`), 1),
		"base URL not a string":  set(func(m map[string]any) { tlog0(m)["baseUrl"] = 1 }),
		"checkpoint key ID":      set(func(m map[string]any) { tlog0(m)["checkpointKeyId"] = map[string]any{"keyId": keyID} }),
		"operator":               set(func(m map[string]any) { tlog0(m)["operator"] = "sigstore.dev" }),
		"second log, same ID":    set(func(m map[string]any) { m["tlogs"] = append(m["tlogs"].([]any), sameIDLaterStart(m)) }),
		"CA cert garbage": set(func(m map[string]any) {
			obj(m, "certificateAuthorities", 0, "certChain", "certificates", 0)["rawBytes"] = "AAAA"
		}),
		"CA chain empty":        set(func(m map[string]any) { obj(m, "certificateAuthorities", 0, "certChain")["certificates"] = []any{} }),
		"CA no chain":           set(func(m map[string]any) { delete(obj(m, "certificateAuthorities", 0), "certChain") }),
		"CA unknown field":      set(func(m map[string]any) { obj(m, "certificateAuthorities", 0)["extra"] = "x" }),
		"CA subject not object": set(func(m map[string]any) { obj(m, "certificateAuthorities", 0)["subject"] = "x" }),
		"CA bad validity":       set(func(m map[string]any) { obj(m, "certificateAuthorities", 0)["validFor"] = map[string]any{"start": "x"} }),
		"TSA cert garbage": set(func(m map[string]any) {
			obj(m, "timestampAuthorities", 0, "certChain", "certificates", 0)["rawBytes"] = "AAAA"
		}),
		"no CAs":             set(func(m map[string]any) { delete(m, "certificateAuthorities"); delete(m, "timestampAuthorities") }),
		"ctlog bad hash":     set(func(m map[string]any) { obj(m, "ctlogs", 0)["hashAlgorithm"] = "SHA2_512" }),
		"ctlog no validity":  set(func(m map[string]any) { delete(obj(m, "ctlogs", 0, "publicKey"), "validFor") }),
		"no ctlogs":          set(func(m map[string]any) { delete(m, "ctlogs") }),
		"tlog as ctlog only": set(func(m map[string]any) { m["ctlogs"] = m["tlogs"]; m["tlogs"] = []any{} }),
		"raw bytes URL unpadded": set(func(m map[string]any) {
			key0(m)["rawBytes"] = strings.TrimRight(urlB64(key0(m)["rawBytes"].(string)), "=")
		}),
	}
	return cases
}

// pkcs1B64 is an RSA public key in PKCS #1 form, base64.
func pkcs1B64(t testing.TB) string {
	t.Helper()
	return base64.StdEncoding.EncodeToString(x509.MarshalPKCS1PublicKey(testKeys(t)["rsa2048"].Public().(*rsa.PublicKey)))
}

func tlog0Value(t testing.TB, rootJSON []byte, path ...string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(rootJSON, &m); err != nil {
		t.Fatal(err)
	}
	v := any(tlog0(m))
	for _, p := range path {
		v = v.(map[string]any)[p]
	}
	return v.(string)
}

func urlB64(s string) string {
	b, _ := base64.StdEncoding.DecodeString(s)
	return base64.URLEncoding.EncodeToString(b)
}

// sameIDLaterStart is a copy of the first log whose window starts later.
func sameIDLaterStart(m map[string]any) any {
	var c map[string]any
	b, _ := json.Marshal(tlog0(m))
	_ = json.Unmarshal(b, &c)
	obj(c, "publicKey", "validFor")["start"] = "2030-01-01T00:00:00Z"
	return c
}

// TestLogKeysFromTrustedRootMatchesSigstoreGo: the root parses exactly when
// sigstore-go parses it, and then every Rekor log has the same key and the
// same window, judged as VerifySET judges it.
func TestLogKeysFromTrustedRootMatchesSigstoreGo(t *testing.T) {
	for name, rootJSON := range rootCases(t) {
		t.Run(name, func(t *testing.T) {
			want, werr := root.NewTrustedRootFromJSON(rootJSON)
			got, err := sigkeys.LogKeysFromTrustedRoot(rootJSON)
			if (err == nil) != (werr == nil) {
				t.Fatalf("LogKeysFromTrustedRoot() error = %v, sigstore-go error = %v", err, werr)
			}
			if werr != nil {
				return
			}
			for id, tl := range want.RekorLogs() {
				compareLog(t, got, id, tl)
			}
			if _, err := got.Lookup([]byte("unknown"), time.Now()); err == nil {
				t.Errorf("Lookup(unknown log) = nil error, want refusal")
			}
		})
	}
}

// compareLog checks our key and window for one of sigstore-go's logs.
func compareLog(t *testing.T, got *sigkeys.LogKeys, id string, tl *root.TransparencyLog) {
	t.Helper()
	raw, _ := hex.DecodeString(id)
	base := tl.ValidityPeriodStart
	if base.IsZero() {
		base = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	times := []time.Time{base.Add(-time.Second), base, base.Add(time.Hour), time.Now(), time.Unix(0, 0)}
	if !tl.ValidityPeriodEnd.IsZero() {
		e := tl.ValidityPeriodEnd
		times = append(times, e.Add(-time.Second), e, e.Add(time.Second))
	}
	k, h, err := got.CheckpointKey(raw)
	if err != nil || h != tl.SignatureHashFunc || cryptoutils.EqualKeys(tl.PublicKey, k.Public()) != nil {
		t.Errorf("CheckpointKey(%s) = %v, %v, %v; want sigstore-go's key and hash %v", id, k, h, err, tl.SignatureHashFunc)
	}
	for _, at := range times {
		k, err := got.Lookup(raw, at)
		want := !tl.ValidityPeriodStart.IsZero() && !tl.ValidityPeriodStart.After(at) &&
			(tl.ValidityPeriodEnd.IsZero() || !tl.ValidityPeriodEnd.Before(at))
		if (err == nil) != want {
			t.Errorf("Lookup(%s, %s) error = %v, sigstore-go window accepts = %v", id, at, err, want)
		}
		if err == nil {
			if e := cryptoutils.EqualKeys(tl.PublicKey, k.Public()); e != nil {
				t.Errorf("Lookup(%s) = another key than sigstore-go's: %v", id, e)
			}
		}
	}
}

func TestLogKeysFromPEMs(t *testing.T) {
	rekor, err := os.ReadFile("../../keys/sigstore-rekor-public-good.pub")
	if err != nil {
		t.Fatal(err)
	}
	l, err := sigkeys.LogKeysFromPEMs(rekor)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := sigkeys.ParsePEM(rekor)
	tests := []struct {
		name string
		id   []byte
		at   time.Time
		ok   bool
	}{
		{"now", k.LogID(), time.Now(), true},
		{"first second", k.LogID(), time.Unix(1, 0), true},
		{"epoch", k.LogID(), time.Unix(0, 0), false},
		{"far future", k.LogID(), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"integratedTime 0", k.LogID(), sigkeys.IntegratedTime(0), false},
		{"integratedTime 1", k.LogID(), sigkeys.IntegratedTime(1), true},
		{"other log", bytes.Repeat([]byte{1}, 32), time.Now(), false},
	}
	for _, tt := range tests {
		got, err := l.Lookup(tt.id, tt.at)
		if (err == nil) != tt.ok || (err == nil && !got.Equal(k)) {
			t.Errorf("Lookup(%s) = %v, %v; want ok %v", tt.name, got, err, tt.ok)
		}
	}
	if ck, h, err := l.CheckpointKey(k.LogID()); err != nil || h != crypto.SHA256 || !ck.Equal(k) {
		t.Errorf("CheckpointKey(PEM log) = %v, %v, %v; want the key and SHA-256", ck, h, err)
	}
	if _, _, err := l.CheckpointKey([]byte("other")); err == nil {
		t.Errorf("CheckpointKey(other log) = nil error, want refusal")
	}
	if _, err := sigkeys.LogKeysFromPEMs([]byte("junk")); err == nil {
		t.Errorf("LogKeysFromPEMs(junk) = nil error, want refusal")
	}
}

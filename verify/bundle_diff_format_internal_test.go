package verify

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// mediaType sets the bundle's media type.
func mediaType(mt string) func(*testing.T, *diffEnv, jsonObj) {
	return func(_ *testing.T, _ *diffEnv, m jsonObj) { m["mediaType"] = mt }
}

// rawEdit is a valid bundle's JSON text edited by f.
func rawEdit(f func(string) string) func(t *testing.T, e *diffEnv) []byte {
	return func(t *testing.T, e *diffEnv) []byte {
		raw, err := json.Marshal(e.bundle(t, e.key, e.rekor, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(f(string(raw)))
	}
}

func formatCases() []diffCase {
	return []diffCase{
		{name: "bundle v0.1", make: valid(mediaType("application/vnd.dev.sigstore.bundle+json;version=0.1")), want: reject},
		{name: "bundle v0.2", make: valid(mediaType("application/vnd.dev.sigstore.bundle+json;version=0.2")), want: reject},
		{name: "bundle v0.3, legacy media type", make: valid(mediaType("application/vnd.dev.sigstore.bundle+json;version=0.3")), want: pass},
		{name: "bundle v0.4", make: valid(mediaType("application/vnd.dev.sigstore.bundle.v0.4+json")), want: reject},
		{name: "other media type", make: valid(mediaType("application/json")), want: reject},
		{name: "unknown top-level field", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) { m["extra"] = true }), want: reject},
		{name: "unknown field in a tlog entry", make: valid(setField([]string{"extra"}, "x")), want: reject},
		{name: "unknown field in the envelope", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			obj(m, "dsseEnvelope")["extra"] = "x"
		}), want: reject},
		{name: "field in another case", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			m["MediaType"] = m["mediaType"]
			delete(m, "mediaType")
		}), want: reject},
		{name: "proto field names", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			en := entry(m)
			en["log_index"], en["canonicalized_body"] = en["logIndex"], en["canonicalizedBody"]
			delete(en, "logIndex")
			delete(en, "canonicalizedBody")
		}), want: pass},
		{name: "a field under both names", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			en := entry(m)
			en["integrated_time"] = en["integratedTime"]
		}), want: reject},
		{name: "integers as JSON numbers", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			en := entry(m)
			en["logIndex"] = json.Number("0")
			en["integratedTime"] = json.Number(en["integratedTime"].(string))
		}), want: pass},
		{name: "body in URL-safe base64 without padding", make: valid(func(t *testing.T, _ *diffEnv, m jsonObj) {
			en := entry(m)
			en["canonicalizedBody"] = base64.RawURLEncoding.EncodeToString(unb64(t, en["canonicalizedBody"]))
		}), want: pass},
		{name: "body not base64", make: valid(setField([]string{"canonicalizedBody"}, "!!!")), want: reject},
		{name: "negative log index", make: valid(setField([]string{"logIndex"}, "-1")), want: reject},
		{name: "missing kindVersion", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(entry(m), "kindVersion")
		}), want: reject},
		{name: "missing checkpoint", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(obj(entry(m), "inclusionProof"), "checkpoint")
		}), want: reject},
		{name: "duplicate key", raw: rawEdit(func(s string) string {
			return strings.Replace(s, `{"dsseEnvelope":`, `{"mediaType":"x","dsseEnvelope":`, 1)
		}), want: reject},
		{name: "trailing data", raw: rawEdit(func(s string) string { return s + "{}" }), want: reject},
		{name: "message signature instead of envelope", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(m, "dsseEnvelope")
			m["messageSignature"] = jsonObj{"signature": "AAAA"}
		}), want: reject},
	}
}

// TestBundleDifferential runs cosign's VerifyNewBundle (the reference
// bundles.go used) and sgbundle with its adapter on the same bundles,
// valid and tampered, and requires both to reach the expected verdict.
func TestBundleDifferential(t *testing.T) {
	e := newDiffEnv(t)
	var cases []diffCase
	for _, cs := range [][]diffCase{envelopeCases(), tlogCases(), formatCases()} {
		cases = append(cases, cs...)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := bundleBytes(t, e, tc)
			tm := e.tm
			if tc.trust != nil {
				tm = tc.trust(t, e)
			}
			ours, ourErr := ourVerdict(raw, e.sv, tm, e.digest)
			ref, refErr := cosignVerdict(raw, e.sv, tm, e.digest)
			wantRef := tc.want
			if tc.cosign != nil {
				wantRef = *tc.cosign
			}
			if ours != tc.want {
				t.Errorf("sgbundle verdict = %+v (%v), want %+v", ours, ourErr, tc.want)
			}
			if ref != wantRef {
				t.Errorf("cosign verdict = %+v (%v), want %+v", ref, refErr, wantRef)
			}
			if testing.Verbose() {
				t.Logf("sgbundle: %v\ncosign: %v", ourErr, refErr)
			}
		})
	}
}

func bundleBytes(t *testing.T, e *diffEnv, tc diffCase) []byte {
	t.Helper()
	if tc.raw != nil {
		return tc.raw(t, e)
	}
	raw, err := json.Marshal(tc.make(t, e))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

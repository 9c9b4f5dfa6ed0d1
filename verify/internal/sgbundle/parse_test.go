package sgbundle

import (
	"testing"
)

// TestParseMediaTypes: each of the three versions under both spellings
// reads as that version, and MinVersion orders them; other media types
// are refused.
func TestParseMediaTypes(t *testing.T) {
	for _, v := range []string{"0.1", "0.2", "0.3"} {
		for _, mt := range []string{MediaTypeBase + "+json;version=" + v, MediaTypeBase + ".v" + v + "+json"} {
			b, err := edited(t, func(m map[string]any) { m["mediaType"] = mt })
			if err != nil {
				t.Errorf("Parse(%s) = %v", mt, err)
				continue
			}
			if b.Version != "v"+v {
				t.Errorf("Parse(%s) read version %s, want v%s", mt, b.Version, v)
			}
			if got, want := b.MinVersion("v0.2"), v != "0.1"; got != want {
				t.Errorf("%s: MinVersion(v0.2) = %v, want %v", mt, got, want)
			}
			if got, want := b.MinVersion("v0.3"), v == "0.3"; got != want {
				t.Errorf("%s: MinVersion(v0.3) = %v, want %v", mt, got, want)
			}
		}
	}
	for _, mt := range []string{"", MediaTypeBase, MediaTypeBase + ".v0.4+json", MediaTypeBase + "+json;version=0.4",
		MediaTypeBase + ".v0.3+json ", MediaTypeBase + "+json;version=0.3.1", "application/json"} {
		if _, err := edited(t, func(m map[string]any) { m["mediaType"] = mt }); err == nil {
			t.Errorf("Parse(%q) = nil, want an error", mt)
		}
	}
}

// TestParseEntryCount: sigstore-go's bound of 32 log entries is reached,
// not passed.
func TestParseEntryCount(t *testing.T) {
	for n, ok := range map[int]bool{0: true, 1: true, maxTlogEntries: true, maxTlogEntries + 1: false} {
		b, err := edited(t, func(m map[string]any) {
			es := []any{}
			for range n {
				es = append(es, cloneEntry(t, m))
			}
			setEntries(m, es)
		})
		if (err == nil) != ok || err == nil && len(b.Entries) != n {
			t.Errorf("Parse(%d entries) = %v, want ok %v", n, err, ok)
		}
	}
}

// TestParseProofRules: a v0.1 bundle's entries need an inclusion promise,
// a later one's an inclusion proof; without entries neither is needed. A
// log index may be 0, not negative.
func TestParseProofRules(t *testing.T) {
	noEntries := func(m map[string]any) { setEntries(m, []any{}) }
	logIndex := func(i string) func(m map[string]any) {
		return func(m map[string]any) { seedEntries(m)[0].(map[string]any)["logIndex"] = i }
	}
	tests := []struct {
		name string
		edit func(m map[string]any)
		ok   bool
	}{
		{"v0.3 seed", nil, true},
		{"v0.1 promise and proof", mediaType("0.1"), true},
		{"v0.1 promise only", both(mediaType("0.1"), without("inclusionProof")), true},
		{"v0.1 proof only", both(mediaType("0.1"), without("inclusionPromise")), false},
		{"v0.2 proof only", both(mediaType("0.2"), without("inclusionPromise")), true},
		{"v0.2 promise only", both(mediaType("0.2"), without("inclusionProof")), false},
		{"v0.3 proof only", without("inclusionPromise"), true},
		{"v0.3 promise only", without("inclusionProof"), false},
		{"v0.3 neither", both(without("inclusionProof"), without("inclusionPromise")), false},
		{"v0.1 no entries", both(mediaType("0.1"), noEntries), true},
		{"v0.3 no entries", noEntries, true},
		{"v0.3 no tlogEntries field", func(m map[string]any) { delete(obj(m, "verificationMaterial"), "tlogEntries") }, true},
		{"log index 0", logIndex("0"), true},
		{"log index -1", logIndex("-1"), false},
	}
	for _, tt := range tests {
		b, err := edited(t, tt.edit)
		if (err == nil) != tt.ok {
			t.Errorf("%s: Parse = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err == nil && len(b.Entries) == 1 && b.Entries[0].HasPromise() != (b.Entries[0].SET != nil) {
			t.Errorf("%s: HasPromise = %v with a SET of %d bytes", tt.name, b.Entries[0].HasPromise(), len(b.Entries[0].SET))
		}
	}
}

// TestParseTimestamps: RFC 3161 timestamps are not checked with a key,
// but must have protojson's shape.
func TestParseTimestamps(t *testing.T) {
	tests := []struct {
		name string
		tv   any
		ok   bool
	}{
		{"none", nil, true},
		{"empty", map[string]any{}, true},
		{"empty list", map[string]any{"rfc3161Timestamps": []any{}}, true},
		{"one", map[string]any{"rfc3161Timestamps": []any{map[string]any{"signedTimestamp": "AAEC"}}}, true},
		{"proto name", map[string]any{"rfc3161_timestamps": []any{map[string]any{"signed_timestamp": "AAEC"}}}, true},
		{"not base64", map[string]any{"rfc3161Timestamps": []any{map[string]any{"signedTimestamp": "!!"}}}, false},
		{"unknown field", map[string]any{"rfc3161Timestamps": []any{map[string]any{"other": "AAEC"}}}, false},
		{"timestamp a string", map[string]any{"rfc3161Timestamps": []any{"AAEC"}}, false},
		{"list an object", map[string]any{"rfc3161Timestamps": map[string]any{}}, false},
		{"unknown data field", map[string]any{"other": []any{}}, false},
		{"data a string", "x", false},
	}
	for _, tt := range tests {
		_, err := edited(t, func(m map[string]any) {
			if tt.tv != nil {
				obj(m, "verificationMaterial")["timestampVerificationData"] = tt.tv
			}
		})
		if (err == nil) != tt.ok {
			t.Errorf("%s: Parse = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

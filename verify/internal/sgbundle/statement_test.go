package sgbundle

import (
	"testing"

	intoto "github.com/in-toto/attestation/go/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// TestStatementMatchesProtojson compares which in-toto statements we read
// with protojson into in_toto.Statement, as sigstore-go reads them.
func TestStatementMatchesProtojson(t *testing.T) {
	const subj = `"subject":[{"digest":{"sha256":"ab"},"annotations":{"k":"v","n":1}}]`
	tests := map[string]string{
		"valid":                    `{"_type":"https://in-toto.io/Statement/v1",` + subj + `,"predicateType":"p","predicate":{}}`,
		"proto names":              `{"type":"t",` + subj + `,"predicate_type":"p"}`,
		"empty":                    `{}`,
		"unknown field":            `{"_type":"t","extra":1}`,
		"field in another case":    `{"PredicateType":"p"}`,
		"both names":               `{"_type":"t","type":"t"}`,
		"duplicate key":            `{"_type":"t","_type":"t"}`,
		"predicate a string":       `{"predicate":"p"}`,
		"predicate null":           `{"predicate":null}`,
		"predicate an array":       `{"predicate":[]}`,
		"type a number":            `{"_type":1}`,
		"subject an object":        `{"subject":{}}`,
		"subject null item":        `{"subject":[null]}`,
		"subject null":             `{"subject":null}`,
		"digest not a string":      `{"subject":[{"digest":{"sha256":1}}]}`,
		"digest null value":        `{"subject":[{"digest":{"sha256":null}}]}`,
		"annotations a string":     `{"subject":[{"annotations":"a"}]}`,
		"annotations nested":       `{"subject":[{"annotations":{"a":{"b":[1,null,true]}}}]}`,
		"content base64":           `{"subject":[{"content":"AAEC"}]}`,
		"content not base64":       `{"subject":[{"content":"!!"}]}`,
		"descriptor proto names":   `{"subject":[{"media_type":"m","download_location":"d","uri":"u","name":"n"}]}`,
		"descriptor unknown field": `{"subject":[{"digests":{}}]}`,
		"trailing data":            `{} {}`,
		"not an object":            `[]`,
		"invalid UTF-8":            "{\"_type\":\"\xff\"}",
		"escaped key":              `{"_typ\u0065":"t"}`,
		"huge number in predicate": `{"predicate":{"x":1e400}}`,
		"big number in predicate":  `{"predicate":{"x":1e300,"y":-12345678901234567890}}`,
		"lone surrogate":           `{"_type":"\ud800"}`,
		"escaped backslash, u":     `{"_type":"\\ud800"}`,
		"low surrogate alone":      `{"_type":"\udc00x"}`,
		"high then other escape":   `{"_type":"\ud800\n"}`,
		"trailing backslash":       `{"_type":"\`,
		"surrogate pair":           `{"_type":"\ud83d\ude00"}`,
		"control character":        "{\"_type\":\"\x01\"}",
		"huge number annotation":   `{"subject":[{"annotations":{"x":[-1e999]}}]}`,
	}
	for name, js := range tests {
		t.Run(name, func(t *testing.T) {
			b := &Bundle{Envelope: Envelope{PayloadType: InTotoPayloadType, Payload: []byte(js)}}
			_, err := b.Statement()
			refErr := protojson.Unmarshal([]byte(js), &intoto.Statement{})
			if (err == nil) != (refErr == nil) {
				t.Errorf("Statement(%s) error %v, protojson's %v", js, err, refErr)
			}
		})
	}
}

func TestStatementReadsPredicateTypeAsEncodingJSON(t *testing.T) {
	for js, want := range map[string]string{
		`{"predicateType":"p"}`:  "p",
		`{"predicate_type":"p"}`: "",
	} {
		b := &Bundle{Envelope: Envelope{PayloadType: InTotoPayloadType, Payload: []byte(js)}}
		st, err := b.Statement()
		if err != nil || st.PredicateType != want {
			t.Errorf("Statement(%s).PredicateType = %v, %v, want %q", js, st, err, want)
		}
	}
}

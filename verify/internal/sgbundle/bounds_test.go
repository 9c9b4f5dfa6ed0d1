package sgbundle

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"testing"
)

// TestStatementAnnotations: only string-valued annotations are kept.
func TestStatementAnnotations(t *testing.T) {
	b, err := edited(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := b.Statement()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"org.opencontainers.image.revision": "abc"}; len(st.Subjects) != 1 || !maps.Equal(st.Subjects[0].Annotations, want) {
		t.Errorf("seed subjects %v, want one annotated %v", st.Subjects, want)
	}
	b = &Bundle{Envelope: Envelope{PayloadType: InTotoPayloadType,
		Payload: []byte(`{"subject":[{"annotations":{"k":"v","n":1,"b":true,"o":{"x":"y"},"z":null}}]}`)}}
	if st, err = b.Statement(); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"k": "v"}; !maps.Equal(st.Subjects[0].Annotations, want) {
		t.Errorf("annotations %v, want %v", st.Subjects[0].Annotations, want)
	}
}

// statementWith is a bundle whose statement has n subjects, each with
// the digest under sha256 and d-1 other digests.
func statementWith(t *testing.T, n, d int, digest []byte) *Bundle {
	t.Helper()
	sub := map[string]string{"sha256": fmt.Sprintf("%x", digest)}
	for i := 1; i < d; i++ {
		sub[fmt.Sprintf("alg%d", i)] = "00"
	}
	subs := make([]any, n)
	for i := range subs {
		subs[i] = map[string]any{"digest": sub}
	}
	raw, err := json.Marshal(map[string]any{"_type": "https://in-toto.io/Statement/v1", "subject": subs})
	if err != nil {
		t.Fatal(err)
	}
	return &Bundle{Envelope: Envelope{PayloadType: InTotoPayloadType, Payload: raw}}
}

// TestArtifactDigestBounds: sigstore-go's bounds of 1024 subjects and 32
// digests per subject are reached, not passed.
func TestArtifactDigestBounds(t *testing.T) {
	digest := fuzzDigest()
	tests := []struct {
		subjects, digests int
		ok                bool
	}{
		{1, 1, true},
		{maxSubjects, 1, true},
		{maxSubjects + 1, 1, false},
		{1, maxSubjectDigests, true},
		{1, maxSubjectDigests + 1, false},
	}
	for _, tt := range tests {
		b := statementWith(t, tt.subjects, tt.digests, digest)
		if err := b.VerifyArtifactDigest("sha256", digest); (err == nil) != tt.ok {
			t.Errorf("%d subjects of %d digests: VerifyArtifactDigest = %v, want ok %v", tt.subjects, tt.digests, err, tt.ok)
		}
	}
}

// TestMpint: SSH's mpint encoding of non-negative integers (RFC 4251 5).
func TestMpint(t *testing.T) {
	for n, want := range map[int64]string{0: "", 1: "01", 0x7f: "7f", 0x80: "0080", 0xff00: "00ff00", 0x1234: "1234"} {
		if got := fmt.Sprintf("%x", mpint(big.NewInt(n))); got != want {
			t.Errorf("mpint(%#x) = %s, want %s", n, got, want)
		}
	}
}

// TestRekorV1CheckpointLines: four lines (origin, size, root, and the
// empty one after the last newline) are enough; three are not.
func TestRekorV1CheckpointLines(t *testing.T) {
	for cp, want := range map[string]bool{
		"a - 1\n1\nAAAA\n":   true,
		"a - 1\n1\nAAAA":     false,
		"a - 1\n1\n":         false,
		"a - 1\n1\nAAAA\n\n": true,
	} {
		if got := rekorV1Checkpoint(cp); got != want {
			t.Errorf("rekorV1Checkpoint(%q) = %v, want %v", cp, got, want)
		}
	}
}

// TestParseNoteSplit: the note text runs through the newline before the
// last blank line, even when that newline starts the note.
func TestParseNoteSplit(t *testing.T) {
	sig := "\u2014 a AQIDBAU=\n"
	for note, want := range map[string]string{
		"\n\n" + sig:       "\n",
		"x\n\n" + sig:      "x\n",
		"x\n\ny\n\n" + sig: "x\n\ny\n",
		"\n\n\n" + sig:     "\n\n",
	} {
		text, sigs, err := parseNote(note)
		if err != nil || text != want || len(sigs) != 1 || string(sigs[0].sig) != "\x05" {
			t.Errorf("parseNote(%q) = %q, %v, %v, want %q and one signature", note, text, sigs, err, want)
		}
	}
}

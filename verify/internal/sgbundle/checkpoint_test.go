package sgbundle

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/sigstore/rekor/pkg/util"
)

// TestParseCheckpoint compares which signed checkpoints we read with
// rekor's SignedCheckpoint parser, and the root hash read.
func TestParseCheckpoint(t *testing.T) {
	sig := base64.StdEncoding.EncodeToString([]byte("\x01\x02\x03\x04signature"))
	root := base64.StdEncoding.EncodeToString(make([]byte, 32))
	body := "rekor.localhost - 1\n7\n" + root + "\n"
	tests := []struct {
		name, note string
		stricter   bool // refused by us, read by rekor's lenient Fscanf
	}{
		{name: "valid", note: body + "\n\u2014 rekor.localhost " + sig + "\n"},
		{name: "two signatures", note: body + "\n\u2014 a " + sig + "\n\u2014 b " + sig + "\n"},
		{name: "other content line", note: body + "extra\n\n\u2014 a " + sig + "\n"},
		{name: "no blank line", note: body + "\u2014 a " + sig + "\n"},
		{name: "no final newline", note: body + "\n\u2014 a " + sig},
		{name: "no signature", note: body + "\n"},
		{name: "hyphen not em dash", note: body + "\n- a " + sig + "\n"},
		{name: "signature not base64", note: body + "\n\u2014 a !!!!\n"},
		{name: "signature too short", note: body + "\n\u2014 a AQID\n"},
		{name: "signature of four bytes", note: body + "\n\u2014 a AQIDBA==\n"},
		{name: "signature of five bytes", note: body + "\n\u2014 a AQIDBAU=\n"},
		{name: "size not a number", note: "o\nseven\n" + root + "\n\n\u2014 a " + sig + "\n"},
		{name: "negative size", note: "o\n-7\n" + root + "\n\n\u2014 a " + sig + "\n"},
		{name: "root not base64", note: "o\n7\n!!\n\n\u2014 a " + sig + "\n"},
		{name: "empty origin", note: "\n7\n" + root + "\n\n\u2014 a " + sig + "\n"},
		{name: "too few lines", note: "o\n7\n\n\u2014 a " + sig + "\n"},
		{name: "two spaces", note: body + "\n\u2014  a " + sig + "\n", stricter: true},
		{name: "trailing text", note: body + "\n\u2014 a " + sig + " more\n", stricter: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ref util.SignedCheckpoint
			refErr := ref.UnmarshalText([]byte(tt.note))
			text, sigs, err := parseNote(tt.note)
			var got []byte
			if err == nil {
				got, err = checkpointRoot(text)
			}
			if tt.stricter {
				if err == nil {
					t.Errorf("parsed %q, want it refused", tt.note)
				}
				return
			}
			if (err == nil) != (refErr == nil) {
				t.Fatalf("parse error %v, rekor's %v", err, refErr)
			}
			if err != nil {
				return
			}
			if text != ref.Note || string(got) != string(ref.Hash) || len(sigs) != len(ref.Signatures) {
				t.Errorf("read %q %x %d signatures, rekor %q %x %d", text, got, len(sigs), ref.Note, ref.Hash, len(ref.Signatures))
			}
			if !strings.HasSuffix(text, "\n") {
				t.Errorf("note text %q does not end in a newline", text)
			}
		})
	}
}

// TestRekorV1Checkpoint compares the origin test with sigstore-go's regexp.
func TestRekorV1Checkpoint(t *testing.T) {
	re := regexp.MustCompile(".* - [0-9]+$")
	for _, origin := range []string{"rekor.sigstore.dev - 1193050959916656506", "a - 1", " - 1", "a - ", "a -1", "a - 1x",
		"a - 12 - 34", "a - 12 -x", "a - 1 ", "a  - 1", "- 1", "a - \xff1", "\xff - 1", "", "a - 1 - "} {
		cp := origin + "\n1\nAAAA\n\n"
		want := re.MatchString(origin)
		if got := rekorV1Checkpoint(cp); got != want {
			t.Errorf("rekorV1Checkpoint(%q) = %v, want %v", cp, got, want)
		}
	}
}

// TestIsB64 compares the logged signature check with rekor's pattern.
func TestIsB64(t *testing.T) {
	re := regexp.MustCompile(`^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=|[A-Za-z0-9+\/]{4})$`)
	for _, s := range []string{"", "AAAA", "AA==", "AAA=", "A===", "====", "AB=A", "AAAAAA==", "AAAA\n", "AA-_", "AAAAA", "A+/9", "AA=", "=AAA",
		"ZZZZ", "zzzz", "aaaa", "0000", "9999", "Zz09", "AAA@", "AAA[", "AAA`", "AAA{", "AA/+"} {
		if got, want := isB64(s), re.MatchString(s); got != want {
			t.Errorf("isB64(%q) = %v, want %v", s, got, want)
		}
	}
}

package hashedfile

import (
	"strings"
	"testing"
)

type header struct {
	URL string `json:"url"`
	Seal
}

func TestRoundTripAndRefusals(t *testing.T) {
	body := []byte("registry:\n  a: {}\n")
	head, err := Header(header{URL: "u", Seal: SealOf(body)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(head), `"size":18`) || !strings.HasSuffix(string(head), "\n") {
		t.Errorf("Header = %q, want the seal's fields promoted and one line", head)
	}
	file := append(append([]byte{}, head...), body...)
	var h header
	got, err := Split(file, &h)
	if err != nil || string(got) != string(body) || h.URL != "u" || !h.Fits(got) {
		t.Fatalf("Split = %q, %+v, %v; want the body back, sealed", got, h, err)
	}
	for _, tt := range []struct {
		name string
		file []byte
	}{
		{"edited body", append(append([]byte{}, head...), []byte("registry:\n  b: {}\n")...)},
		{"truncated body", file[:len(file)-1]},
	} {
		var h header
		got, err := Split(tt.file, &h)
		if err != nil || h.Fits(got) {
			t.Errorf("%s: Split err %v, Fits %v; want a parsed header whose seal does not fit", tt.name, err, h.Fits(got))
		}
	}
	if _, err := Split([]byte("no newline"), &h); err == nil {
		t.Error("Split(no header line) = nil error")
	}
	if _, err := Split([]byte("{not json\nbody"), &h); err == nil || !strings.Contains(err.Error(), "reading cache header") {
		t.Errorf("Split(bad header) = %v, want a header error", err)
	}
}

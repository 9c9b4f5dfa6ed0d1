package proc

import "testing"

// git's stderr (which a hostile server partly controls) is kept only up to
// its cap, across writes, and the writer never sees a short write.
func TestCappedBuffer(t *testing.T) {
	b := &CappedBuffer{Max: 10}
	for _, p := range []string{"0123456", "789abcd", "efg"} {
		if n, err := b.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v; want %d, nil", p, n, err, len(p))
		}
	}
	if got := b.String(); got != "0123456789" {
		t.Errorf("CappedBuffer kept %q, want the first 10 bytes %q", got, "0123456789")
	}
}

package fsafe

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// ReadRegular returns a file of exactly limit bytes whole, and refuses one
// byte more.
func TestReadRegularAtLimit(t *testing.T) {
	const limit = 4096
	dir := t.TempDir()
	at := bytes.Repeat([]byte("a"), limit)
	if err := os.WriteFile(filepath.Join(dir, "at"), at, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "over"), append(at, 'b'), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if got, err := ReadRegular(root, "at", limit, false); err != nil || !bytes.Equal(got, at) {
		t.Errorf("ReadRegular(%d bytes, limit %d) = %d bytes, %v; want it whole", limit, limit, len(got), err)
	}
	if _, err := ReadRegular(root, "over", limit, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadRegular(%d bytes, limit %d) = %v, want ErrTooLarge", limit+1, limit, err)
	}
}

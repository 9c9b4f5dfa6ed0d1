package machinekey

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// Get creates the key on first use (0600, Size bytes), reads it back
// after, and a reader without create misses when there is none.
func TestGetCreatesOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sub")
	if _, err := New(dir, "k.key").Get(false); !errors.Is(err, ErrUnusable) {
		t.Fatalf("Get(false) without a key: %v, want ErrUnusable", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Get(false) created %s: %v", dir, err)
	}
	k1, err := New(dir, "k.key").Get(true)
	if err != nil || len(k1) != Size {
		t.Fatalf("Get(true) = %d bytes, %v", len(k1), err)
	}
	fi, err := os.Lstat(filepath.Join(dir, "k.key"))
	if err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("key file %v, %v; want mode 0600", fi, err)
	}
	k2, err := New(dir, "k.key").Get(false)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("second Get = %x, %v; want the first key", k2, err)
	}
}

// A key file that is not a plain owner-only file of Size bytes is never
// used: a reader misses, a writer replaces it (a link is replaced, its
// target left alone).
func TestUnusableKeys(t *testing.T) {
	good := bytes.Repeat([]byte{7}, Size)
	tests := []struct {
		name  string
		plant func(t *testing.T, path string)
	}{
		{"world-readable", func(t *testing.T, path string) { write(t, path, good, 0o644) }},
		{"group-writable", func(t *testing.T, path string) { write(t, path, good, 0o620) }},
		{"short", func(t *testing.T, path string) { write(t, path, good[:Size-1], 0o600) }},
		{"long", func(t *testing.T, path string) { write(t, path, append(bytes.Clone(good), 0), 0o600) }},
		{"symlink to a good key", func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "real.key")
			write(t, target, good, 0o600)
			if err := os.Symlink(target, path); err != nil {
				testenv.Missing(t, "this file system refuses a symlink: %v", err)
			}
		}},
		{"directory", func(t *testing.T, path string) { os.Mkdir(path, 0o700) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if runtime.GOOS == "windows" && tt.name != "short" && tt.name != "long" {
				testenv.Missing(t, "Windows has no owner-only mode bits to check")
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "k.key")
			tt.plant(t, path)
			if k, err := New(dir, "k.key").Get(false); err == nil || bytes.Equal(k, good) {
				t.Fatalf("Get(false) = %x, %v; want no key", k, err)
			}
			k, err := New(dir, "k.key").Get(true)
			if tt.name == "directory" {
				if err == nil {
					t.Fatalf("Get(true) over a directory = %x, want an error", k)
				}
				return
			}
			if err != nil || bytes.Equal(k, good) {
				t.Fatalf("Get(true) = %x, %v; want a new key", k, err)
			}
			if again, err := Read(path); err != nil || !bytes.Equal(again, k) {
				t.Fatalf("after replacement Read = %x, %v; want the new key", again, err)
			}
		})
	}
}

// Processes (here: Keys) creating the key at once agree on one.
func TestConcurrentCreate(t *testing.T) {
	dir := t.TempDir()
	keys := make([][]byte, 16)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := New(dir, "k.key").Get(true)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !bytes.Equal(k, keys[0]) {
			t.Fatalf("concurrent creators got different keys: %x vs %x", k, keys[0])
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) != 0 {
		t.Errorf("temp files left: %v", left)
	}
}

// MAC separates its parts: shifting bytes between parts, another key or
// another part changes it.
func TestMAC(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, Size), bytes.Repeat([]byte{2}, Size)
	base := MAC(k1, []byte("ab"), []byte("c"))
	for name, other := range map[string][]byte{
		"shifted":   MAC(k1, []byte("a"), []byte("bc")),
		"other key": MAC(k2, []byte("ab"), []byte("c")),
		"extra":     MAC(k1, []byte("ab"), []byte("c"), nil),
		"changed":   MAC(k1, []byte("ab"), []byte("d")),
	} {
		if bytes.Equal(base, other) {
			t.Errorf("%s: same MAC", name)
		}
	}
	if !bytes.Equal(base, MAC(k1, []byte("ab"), []byte("c"))) {
		t.Error("MAC is not deterministic")
	}
}

func write(t *testing.T, path string, data []byte, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

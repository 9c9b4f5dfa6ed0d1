package machinekey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Size is the key's length in bytes; a file of another length is corrupt.
const Size = 32

// ErrUnusable is a missing, unreadable or corrupt key.
var ErrUnusable = errors.New("no usable machine key")

// Key is one key file, read (or created) once. Safe for concurrent use.
type Key struct {
	dir, name string

	mu  sync.Mutex
	key []byte
}

// New returns the key kept as dir/name (nothing is read yet).
func New(dir, name string) *Key { return &Key{dir: dir, name: name} }

// Get returns the key. It is read once; when it is missing or corrupt,
// create makes a new one (so every entry made under the old one misses),
// and without create that is ErrUnusable (a miss for the caller).
func (k *Key) Get(create bool) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.key != nil {
		return k.key, nil
	}
	key, err := Read(filepath.Join(k.dir, k.name))
	if err != nil && !create {
		return nil, fmt.Errorf("%w: %w", ErrUnusable, err)
	}
	if err != nil {
		if key, err = generate(k.dir, k.name, errors.Is(err, fs.ErrNotExist)); err != nil {
			return nil, err
		}
	}
	k.key = key
	return key, nil
}

// Read reads a key file: a regular file (not a link) of exactly Size
// bytes that only its owner may read or write.
func Read(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || othersMayRead(fi) || fi.Size() != Size {
		return nil, fmt.Errorf("%s: %w", path, ErrUnusable)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	key := make([]byte, Size)
	if _, err := io.ReadFull(f, key); err != nil {
		return nil, fmt.Errorf("%s: %w", path, ErrUnusable)
	}
	return key, nil
}

// othersMayRead reports whether the key file's mode lets anyone but its
// owner in. Windows reports no such bits (a writable file is 0666); there
// the user profile's ACLs guard the directory.
func othersMayRead(fi fs.FileInfo) bool {
	return runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0
}

// generate creates a random key atomically (mode 0600) in dir, created
// 0700 when missing. When the file was missing it is created only if
// still missing, so two processes starting at once agree on one key (the
// loser reads the winner's); a corrupt one is replaced.
func generate(dir, name string, missing bool) ([]byte, error) {
	key := make([]byte, Size)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("creating %s: %w", name, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", name, err)
	}
	err := writeAtomic(dir, name, key, missing)
	if missing && errors.Is(err, fs.ErrExist) {
		return Read(filepath.Join(dir, name))
	}
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", name, err)
	}
	return key, nil
}

// writeAtomic writes data to dir/name through a temporary file (mode
// 0600). With exclusive an existing file is kept and fs.ErrExist returned;
// otherwise it is replaced (a link at that name is replaced, not followed).
func writeAtomic(dir, name string, data []byte, exclusive bool) error {
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return err
	}
	if exclusive {
		return os.Link(tmp.Name(), filepath.Join(dir, name))
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}

// MAC is the HMAC-SHA256 under key of parts, each length-prefixed (8
// bytes, big-endian) so no two lists of parts MAC alike by shifting bytes
// between them. Callers put a domain string first.
func MAC(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		m.Write(n[:])
		m.Write(p)
	}
	return m.Sum(nil)
}

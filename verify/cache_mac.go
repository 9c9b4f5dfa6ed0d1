package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// The verdict cache lives in the Docker config dir, where other tools and
// synced dotfiles write too. A planted entry must not forge a verified
// verdict, so every entry is bound to this machine: its first line is an
// HMAC-SHA256, under a random key created here on first use, over the
// entry's cache key and data. A copied or hand-written entry misses and the
// image is verified in full. (Whoever can write files as this user can also
// replace the MAC key; the MAC does not defend against that.)

// macKeyFile is the MAC key's file in the cache dir.
const macKeyFile = "verdicts.key"

// macKeySize is the key's length in bytes; a file of another length is
// corrupt.
const macKeySize = 32

// macLen is the hex MAC's length on an entry's first line.
const macLen = 2 * sha256.Size

// errNoMACKey is a missing, unreadable or corrupt MAC key.
var errNoMACKey = errors.New("verdict cache: no usable MAC key")

// macKey returns this cache's MAC key. It is read once; when it is missing
// or corrupt, create makes a new one (so every existing entry misses), and
// without create that is errNoMACKey (a miss).
func (d *DirCache) macKey(create bool) ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.key != nil {
		return d.key, nil
	}
	k, err := readMACKey(filepath.Join(d.dir, macKeyFile))
	if err == nil {
		d.key = k
		return k, nil
	}
	if !create {
		return nil, errNoMACKey
	}
	if k, err = newMACKey(d.dir, errors.Is(err, fs.ErrNotExist)); err != nil {
		return nil, err
	}
	d.key = k
	return k, nil
}

// readMACKey reads the key file: a regular file (not a link) of exactly
// macKeySize bytes that only its owner may read or write.
func readMACKey(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || othersMayRead(fi) || fi.Size() != macKeySize {
		return nil, fmt.Errorf("%s: %w", path, errNoMACKey)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	k := make([]byte, macKeySize)
	if _, err := io.ReadFull(f, k); err != nil {
		return nil, fmt.Errorf("%s: %w", path, errNoMACKey)
	}
	return k, nil
}

// othersMayRead reports whether the key file's mode lets anyone but its
// owner in. Windows reports no such bits (a writable file is 0666); there
// the user profile's ACLs guard the config dir.
func othersMayRead(fi fs.FileInfo) bool {
	return runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0
}

// newMACKey creates a random key atomically (mode 0600). When the file was
// missing it is created only if still missing, so two processes starting
// at once agree on one key (the loser reads the winner's); a corrupt one is
// replaced.
func newMACKey(dir string, missing bool) ([]byte, error) {
	k := make([]byte, macKeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("creating the verdict cache key: %w", err)
	}
	err := writeAtomic(dir, macKeyFile, k, missing)
	if missing && errors.Is(err, fs.ErrExist) {
		return readMACKey(filepath.Join(dir, macKeyFile))
	}
	if err != nil {
		return nil, fmt.Errorf("creating the verdict cache key: %w", err)
	}
	return k, nil
}

// entryMAC is the HMAC of one entry, bound to its cache key.
func entryMAC(mk []byte, key string, data []byte) []byte {
	m := hmac.New(sha256.New, mk)
	m.Write(bytesJoin([][]byte{[]byte("mcptrust verdict cache v1"), []byte(key), data}))
	return m.Sum(nil)
}

// sealEntry is what an entry file holds: the hex MAC, a newline, the data.
func sealEntry(mk []byte, key string, data []byte) []byte {
	out := make([]byte, 0, macLen+1+len(data))
	out = hex.AppendEncode(out, entryMAC(mk, key, data))
	out = append(out, '\n')
	return append(out, data...)
}

// openEntry checks an entry file's MAC and returns its data.
func openEntry(mk []byte, key string, raw []byte) ([]byte, bool) {
	macHex, data, ok := bytes.Cut(raw, []byte("\n"))
	if !ok || len(macHex) != macLen || len(data) > cacheLimit {
		return nil, false
	}
	mac := make([]byte, sha256.Size)
	if _, err := hex.Decode(mac, macHex); err != nil {
		return nil, false
	}
	if !hmac.Equal(mac, entryMAC(mk, key, data)) {
		return nil, false
	}
	return data, true
}

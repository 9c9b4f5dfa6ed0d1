// Package hashedfile is the one file format of the download caches
// (catalog URLs, GitHub answers): a one-line JSON header, a newline, then
// the body exactly as downloaded. The header embeds a Seal, the body's size
// and SHA-256, so a truncated or edited file is refused rather than used.
// Standard library only: catalog imports it.
package hashedfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Seal is the body's size and SHA-256 (hex), embedded in each header so
// its JSON carries "size" and "sha256" beside the header's own fields.
type Seal struct {
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// SealOf returns body's seal.
func SealOf(body []byte) Seal {
	sum := sha256.Sum256(body)
	return Seal{Size: len(body), SHA256: hex.EncodeToString(sum[:])}
}

// Fits reports whether body is the one the seal was made from.
func (s Seal) Fits(body []byte) bool { return s == SealOf(body) }

// ErrMismatch is returned by callers whose file does not match its header.
var ErrMismatch = errors.New("cache file does not match its header")

// Split reads the header line of data into header (a pointer to a struct
// embedding Seal) and returns the body that follows. It does not check the
// seal: the caller compares its own fields too, then calls Fits.
func Split(data []byte, header any) ([]byte, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return nil, errors.New("cache file has no header")
	}
	if err := json.Unmarshal(data[:nl], header); err != nil {
		return nil, fmt.Errorf("reading cache header: %w", err)
	}
	return data[nl+1:], nil
}

// Header encodes header as the file's first line, newline included.
func Header(header any) ([]byte, error) {
	head, err := json.Marshal(header)
	if err != nil {
		return nil, fmt.Errorf("encoding cache header: %w", err)
	}
	return append(head, '\n'), nil
}

// WriteAtomic replaces a cache file atomically: temp file in the same
// directory, fsync, rename, fsync of the directory. On any failure the temp
// file is removed and the old file is untouched.
func WriteAtomic(path string, parts ...[]byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating cache dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".cache-*.tmp")
	if err != nil {
		return fmt.Errorf("creating cache file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	for _, p := range parts { // written in turn, not joined: a catalog is tens of MB
		if _, err = tmp.Write(p); err != nil {
			return fmt.Errorf("writing cache file: %w", err)
		}
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("syncing cache file: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("closing cache file: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replacing cache file: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable; failure only weakens durability.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

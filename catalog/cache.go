package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// The URL cache keeps one file per URL, named from the URL's sha256:
// a one-line JSON header (URL, fetch time, size, sha256 of the body), a
// newline, then the body exactly as downloaded. One file means one atomic
// rename: a reader sees the old copy or the new one, never a mix. Only a
// body that parsed is ever written.

type cacheHeader struct {
	URL       string    `json:"url"`
	FetchedAt time.Time `json:"fetchedAt"`
	Size      int       `json:"size"`
	SHA256    string    `json:"sha256"`
}

func cachePath(dir, rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	return filepath.Join(dir, "catalog-"+hex.EncodeToString(sum[:])+".cache")
}

// readCache returns a cached body for rawURL after checking the header
// matches the URL and the body's size and hash.
func readCache(path, rawURL string) (cacheHeader, []byte, error) {
	var h cacheHeader
	data, err := readFileCapped(path, maxCatalogFile+4096, true)
	if err != nil {
		return h, nil, err
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return h, nil, errors.New("cache file has no header")
	}
	if err := json.Unmarshal(data[:nl], &h); err != nil {
		return h, nil, fmt.Errorf("reading cache header: %w", err)
	}
	body := data[nl+1:]
	sum := sha256.Sum256(body)
	if h.URL != rawURL || h.Size != len(body) || h.SHA256 != hex.EncodeToString(sum[:]) {
		return h, nil, errors.New("cache file does not match its header")
	}
	return h, body, nil
}

// writeCache replaces the cache file for rawURL with body (atomicWrite).
func writeCache(path, rawURL string, fetchedAt time.Time, body []byte) error {
	sum := sha256.Sum256(body)
	head, err := json.Marshal(cacheHeader{URL: rawURL, FetchedAt: fetchedAt.UTC(), Size: len(body), SHA256: hex.EncodeToString(sum[:])})
	if err != nil {
		return fmt.Errorf("encoding cache header: %w", err)
	}
	return atomicWrite(path, append(head, '\n'), body)
}

// atomicWrite replaces a cache file atomically: temp file in the same
// directory, fsync, rename, fsync of the directory. On any failure the temp
// file is removed and the old file is untouched.
func atomicWrite(path string, parts ...[]byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating cache dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".catalog-*.tmp")
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

func fresh(fetchedAt, now time.Time) bool {
	age := now.Sub(fetchedAt)
	return age >= 0 && age < CacheTTL
}

package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/hashedfile"
)

// The URL cache keeps one file per URL, named from the URL's sha256:
// a one-line JSON header (URL, fetch time, size, sha256 of the body, MAC
// under this machine's cache key: cachemac.go), a newline, then the body
// exactly as downloaded. One file means one atomic
// rename: a reader sees the old copy or the new one, never a mix. Only a
// body that parsed is ever written.

type cacheHeader struct {
	URL       string    `json:"url"`
	FetchedAt time.Time `json:"fetchedAt"`
	hashedfile.Seal
	MAC string `json:"mac"` // cachemac.go
}

func cachePath(dir, rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	return filepath.Join(dir, "catalog-"+hex.EncodeToString(sum[:])+".cache")
}

// readCache returns a cached body for rawURL after checking the header
// matches the URL, its MAC under key and the body's size and hash.
func readCache(path, rawURL string, key []byte) (cacheHeader, []byte, error) {
	var h cacheHeader
	data, err := readFileCapped(path, maxCatalogFile+4096, true)
	if err != nil {
		return h, nil, err
	}
	body, err := hashedfile.Split(data, &h)
	if err != nil {
		return h, nil, err
	}
	if h.URL != rawURL || !macOK(key, h.MAC, downloadMAC(key, h)) || !h.Fits(body) {
		return h, nil, hashedfile.ErrMismatch
	}
	return h, body, nil
}

// writeCache replaces the cache file for rawURL with body (atomicWrite),
// its header sealed under key.
func writeCache(path, rawURL string, fetchedAt time.Time, body []byte, key []byte) error {
	h := cacheHeader{URL: rawURL, FetchedAt: fetchedAt.UTC(), Seal: hashedfile.SealOf(body)}
	h.MAC = downloadMAC(key, h)
	head, err := hashedfile.Header(h)
	if err != nil {
		return err
	}
	return hashedfile.WriteAtomic(path, head, body)
}

func fresh(fetchedAt, now time.Time) bool {
	age := now.Sub(fetchedAt)
	return age >= 0 && age < CacheTTL
}

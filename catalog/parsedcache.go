package catalog

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mcp-trust/mcp-trust/internal/hashedfile"
)

// Beside each cached download (catalog-<hash>.cache) the cache keeps the
// catalog it parsed to, in compact form (catalog-<hash>.parsed): a one-line
// JSON header naming the URL, the SHA-256 of the download it was parsed
// from, the size and SHA-256 of the compact payload and the header's MAC
// under this machine's cache key (cachemac.go); a newline; the payload
// (compact.go). A warm load checks the download against its header as
// before, streaming it through SHA-256 rather than holding it, then reads
// this file instead of parsing the download; any mismatch, a MAC that does
// not verify, corruption or error makes it parse the download as before.
// It is written atomically, like the download, and only from a download
// that parsed.

type parsedHeader struct {
	Format int    `json:"format"`
	URL    string `json:"url"`
	Source string `json:"source_sha256"` // the download's SHA-256
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"` // of the payload
	MAC    string `json:"mac"`    // cachemac.go
}

// maxParsedFile caps the compact file: it is never larger than the
// download it came from by more than its per-field lengths.
const maxParsedFile = 2 * maxCatalogFile

func parsedPath(cacheFile string) string {
	return strings.TrimSuffix(cacheFile, ".cache") + ".parsed"
}

// writeParsed stores payload, the compact form of the download whose
// SHA-256 is source, its header sealed under key.
func writeParsed(cacheFile, rawURL, source string, payload, key []byte) error {
	sum := sha256.Sum256(payload)
	h := parsedHeader{Format: compactVersion, URL: rawURL, Source: source, Size: len(payload), SHA256: hex.EncodeToString(sum[:])}
	h.MAC = parsedMAC(key, h)
	head, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("encoding parsed catalog header: %w", err)
	}
	return hashedfile.WriteAtomic(parsedPath(cacheFile), append(head, '\n'), payload)
}

// loadParsed returns the catalog cached for rawURL when the download is
// fresh and its compact form matches it; ok is false otherwise.
func loadParsed(cacheFile, rawURL string, cfg *config) (*Catalog, bool) {
	key := cfg.openKey()
	hdr, err := checkCache(cacheFile, rawURL, key)
	if err != nil || !fresh(hdr.FetchedAt, cfg.now()) {
		return nil, false
	}
	c, err := readParsed(parsedPath(cacheFile), rawURL, hdr.SHA256, key)
	if err != nil {
		return nil, false
	}
	c.Source, c.Kind, c.FetchedAt, c.FromCache = rawURL, KindURL, hdr.FetchedAt, true
	c.finish(cfg.publishers, false)
	return c, true
}

// readParsed reads the compact form at path of the source whose key
// (URL or "file:PATH") is rawURL and whose SHA-256 is source, after
// checking its header's MAC under key and the payload's size and hash.
func readParsed(path, rawURL, source string, key []byte) (*Catalog, error) {
	data, err := readStringCapped(path, maxParsedFile)
	if err != nil {
		return nil, err
	}
	nl := strings.IndexByte(data, '\n')
	if nl < 0 {
		return nil, errCompact
	}
	var h parsedHeader
	dec := json.NewDecoder(strings.NewReader(data[:nl]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return nil, fmt.Errorf("reading parsed catalog header: %w", err)
	}
	payload := data[nl+1:]
	if h.Format != compactVersion || h.URL != rawURL || h.Source != source || h.Size != len(payload) ||
		!macOK(key, h.MAC, parsedMAC(key, h)) || h.SHA256 != sumHexString(payload) {
		return nil, errors.New("parsed catalog does not match the download or its header")
	}
	return decodeCatalog(payload)
}

// readStringCapped reads a regular file (never through a symlink) of at
// most max bytes into a string without a second copy: the decoded
// catalog's strings are slices of it.
func readStringCapped(path string, max int64) (string, error) {
	f, err := openRegular(path, true)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fsError(path, err)
	}
	if st.Size() > max {
		return "", tooLarge(path, max)
	}
	var b strings.Builder
	b.Grow(int(st.Size()) + 1)
	if _, err := io.Copy(&b, io.LimitReader(f, max+1)); err != nil {
		return "", &InputError{Path: path, Err: fmt.Errorf("reading: %w", err)}
	}
	if int64(b.Len()) > max {
		return "", tooLarge(path, max)
	}
	return b.String(), nil
}

func sumHexString(s string) string {
	h := sha256.New()
	buf := make([]byte, 64<<10) // one buffer, not a copy of s
	for len(s) > 0 {
		n := copy(buf, s)
		h.Write(buf[:n])
		s = s[n:]
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkCache verifies a cached download's header (it names the URL, and
// its MAC under key holds) and that the body has the header's size, and
// returns the header. The body is not hashed: the compact form read with
// this header is bound by its own MAC to the download's SHA-256 recorded
// here, so its contents are what was downloaded whatever the body's bytes
// are now; the body itself is only ever used through readCache, which
// hashes it. (Reading and hashing a 50,000-entry catalog's 40 MB was about
// a third of a warm load's time here.)
func checkCache(path, rawURL string, key []byte) (cacheHeader, error) {
	var h cacheHeader
	f, err := openRegular(path, true)
	if err != nil {
		return h, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return h, fsError(path, err)
	}
	line, err := bufio.NewReaderSize(io.LimitReader(f, maxCacheHeader), maxCacheHeader).ReadSlice('\n')
	if err != nil {
		return h, errors.New("cache file has no header")
	}
	if _, err := hashedfile.Split(line, &h); err != nil {
		return h, err
	}
	if h.URL != rawURL || !macOK(key, h.MAC, downloadMAC(key, h)) {
		return h, hashedfile.ErrMismatch
	}
	if st.Size() != int64(len(line))+int64(h.Seal.Size) {
		return h, hashedfile.ErrMismatch
	}
	return h, nil
}

// maxCacheHeader caps a cached download's header line.
const maxCacheHeader = 64 << 10

func sumHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

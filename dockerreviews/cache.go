package dockerreviews

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/hashedfile"
)

// The cache keeps one file per GET (URL and Accept header), named from
// their sha256, under the Docker config dir: a one-line JSON header (key,
// fetch time, ETag, Link, size, sha256 of the body), a newline, the body.
// Files are replaced atomically (temp file, fsync, rename), as catalog's
// URL cache does, and read back only when the header matches.

// MaxAnswer caps one GitHub answer (and one cache file's body).
const MaxAnswer = 4 << 20

// MaxCacheFiles caps the cache: before its first write, a Source removes
// the least recently fetched files beyond it (about 1,300 cover a whole
// catalog).
const MaxCacheFiles = 8192

// fetchedHeader carries, on every response the transport returns, when the
// answer was fetched from GitHub (a cached answer keeps its original time).
const fetchedHeader = "X-Mcptrust-Fetched-At"

type cacheEntry struct {
	Key       string    `json:"key"`
	FetchedAt time.Time `json:"fetchedAt"`
	ETag      string    `json:"etag,omitempty"`
	Link      string    `json:"link,omitempty"`
	hashedfile.Seal
}

type cachingTransport struct {
	next    http.RoundTripper
	dir     string // "" keeps nothing
	ttl     time.Duration
	now     func() time.Time
	offline bool
	pruned  sync.Once
}

func (t *cachingTransport) path(key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(t.dir, "gh-"+hex.EncodeToString(sum[:])+".cache")
}

// RoundTrip answers a GET from the cache when fresh (or when offline),
// revalidates a stale entry with If-None-Match, and caps every body.
func (t *cachingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.Method + " " + req.URL.String() + "\n" + req.Header.Get("Accept")
	var ent cacheEntry
	var body []byte
	var cached bool
	if t.dir != "" && req.Method == http.MethodGet {
		var err error
		ent, body, err = readEntry(t.path(key), key)
		cached = err == nil
	}
	if t.offline {
		if !cached {
			return nil, fmt.Errorf("GET %s: %w", req.URL.Path, ErrNotCached)
		}
		return answer(req, ent, body), nil
	}
	if cached && age(ent.FetchedAt, t.now()) < t.ttl {
		return answer(req, ent, body), nil
	}
	if cached && ent.ETag != "" {
		req = req.Clone(req.Context())
		req.Header.Set("If-None-Match", ent.ETag)
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	return t.receive(req, resp, key, ent, body, cached)
}

func (t *cachingTransport) receive(req *http.Request, resp *http.Response, key string, ent cacheEntry, old []byte, cached bool) (*http.Response, error) {
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && cached {
		ent.FetchedAt = t.now().UTC()
		_ = t.write(ent, old)
		return answer(req, ent, old), nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxAnswer+1))
	if err != nil {
		return nil, fmt.Errorf("reading GitHub answer to %s: %w", req.URL.Path, err)
	}
	if len(data) > MaxAnswer {
		return nil, fmt.Errorf("GET %s: more than %d bytes: %w", req.URL.Path, MaxAnswer, ErrTooBig)
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	resp.ContentLength = int64(len(data))
	now := t.now().UTC()
	resp.Header.Set(fetchedHeader, now.Format(time.RFC3339Nano))
	if resp.StatusCode == http.StatusOK && t.dir != "" && req.Method == http.MethodGet {
		ent := cacheEntry{Key: key, FetchedAt: now, ETag: resp.Header.Get("ETag"), Link: resp.Header.Get("Link")}
		_ = t.write(ent, data) // a cache that cannot be written only costs a refetch
	}
	return resp, nil
}

func age(fetched, now time.Time) time.Duration {
	if d := now.Sub(fetched); d >= 0 {
		return d
	}
	return 1 << 62 // from the future: never fresh
}

// answer builds a 200 response from a cache entry.
func answer(req *http.Request, ent cacheEntry, body []byte) *http.Response {
	h := http.Header{"Content-Type": {"application/json"}}
	if ent.Link != "" {
		h.Set("Link", ent.Link)
	}
	h.Set(fetchedHeader, ent.FetchedAt.Format(time.RFC3339Nano))
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: req,
	}
}

func readEntry(path, key string) (cacheEntry, []byte, error) {
	var ent cacheEntry
	f, err := os.Open(path)
	if err != nil {
		return ent, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxAnswer+8192))
	if err != nil {
		return ent, nil, err
	}
	body, err := hashedfile.Split(data, &ent)
	if err != nil {
		return ent, nil, err
	}
	if ent.Key != key || !ent.Fits(body) {
		return ent, nil, hashedfile.ErrMismatch
	}
	return ent, body, nil
}

func (t *cachingTransport) write(ent cacheEntry, body []byte) (err error) {
	if err := os.MkdirAll(t.dir, 0o700); err != nil {
		return err
	}
	t.pruned.Do(func() { prune(t.dir, MaxCacheFiles) })
	ent.Seal = hashedfile.SealOf(body)
	head, err := hashedfile.Header(ent)
	if err != nil {
		return err
	}
	return hashedfile.WriteAtomic(t.path(ent.Key), head, body)
}

// prune removes the oldest cache files (by modification time, which each
// write and revalidation renews) beyond keep.
func prune(dir string, keep int) {
	files, _ := filepath.Glob(filepath.Join(dir, "gh-*.cache"))
	if len(files) <= keep {
		return
	}
	mtime := make(map[string]time.Time, len(files))
	for _, f := range files {
		if fi, err := os.Lstat(f); err == nil {
			mtime[f] = fi.ModTime()
		}
	}
	sort.Slice(files, func(i, j int) bool { return mtime[files[i]].After(mtime[files[j]]) })
	for _, f := range files[keep:] {
		os.Remove(f)
	}
}

// fetchedAt reads the transport's stamp on a response.
func fetchedAt(resp *http.Response) time.Time {
	if resp == nil {
		return time.Time{}
	}
	ts, _ := time.Parse(time.RFC3339Nano, resp.Header.Get(fetchedHeader))
	return ts
}

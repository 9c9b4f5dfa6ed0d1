package catalog

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog/catalogtest"
)

// generated is a published catalog of n generated entries: servers,
// publisher images, remotes with headers, secrets, OAuth.
func generated(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	if err := catalogtest.WriteCatalog(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func catalogJSON(t *testing.T, c *Catalog) string {
	t.Helper()
	cp := *c
	cp.FromCache = false
	b, err := json.Marshal(&cp)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A warm load from the compact form gives exactly the catalog a full parse
// gives, without contacting the server.
func TestParsedFormRoundTrip(t *testing.T) {
	cs, dir := newCatalogServer(t), t.TempDir()
	cs.set("ok", generated(t, 300))
	url := cs.URL + "/catalog.yaml"
	cold := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
	if _, err := os.Stat(parsedPath(cachePath(dir, url))); err != nil {
		t.Fatalf("no parsed form after the first load: %v", err)
	}
	warm := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(time.Hour)))
	if !warm.FromCache || cs.count() != 1 {
		t.Errorf("warm load: FromCache %v, %d fetches; want from cache, 1 fetch", warm.FromCache, cs.count())
	}
	if got, want := catalogJSON(t, warm), catalogJSON(t, cold); got != want {
		t.Errorf("warm load differs from the parse:\n got %.300s\nwant %.300s", got, want)
	}
	if s, ok := warm.Lookup("server-000008"); !ok || s.Remote == nil || len(cold.Servers) != 300 {
		t.Errorf("warm load lost entries or the index: %v %v", ok, s)
	}
}

// The compact form is what a warm load reads: one holding another catalog,
// bound to the same download, is what the load returns.
func TestParsedFormIsUsed(t *testing.T) {
	cs, dir := newCatalogServer(t), t.TempDir()
	url := cs.URL + "/c.yaml"
	mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
	other, err := parseCatalogData([]byte(catalogV2), url)
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := checkCache(cachePath(dir, url), url, machineKey(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := writeParsed(cachePath(dir, url), url, hdr.SHA256, encodeCatalog(other), machineKey(t, dir)); err != nil {
		t.Fatal(err)
	}
	if c := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow)); names(c.Servers)[0] != "two" {
		t.Errorf("warm load = %v, want the compact form's servers", names(c.Servers))
	}
}

// A warm load checks the cached download's header, not its body: the
// compact form is bound to the download's SHA-256 by its own MAC. A body
// changed in place (same size) is still refused wherever the body itself
// would be used: with no compact form, it is fetched again; a body of
// another size misses at once.
func TestWarmLoadChecksTheDownloadHeader(t *testing.T) {
	flip := func(t *testing.T, path string) {
		data, _ := os.ReadFile(path)
		data[len(data)-2] ^= 0x20
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		damage  func(t *testing.T, cacheFile string)
		fetches int
	}{
		{"intact", func(*testing.T, string) {}, 1},
		{"body byte flipped, compact form kept", flip, 1},
		{"body byte flipped, compact form gone", func(t *testing.T, cacheFile string) {
			flip(t, cacheFile)
			os.Remove(parsedPath(cacheFile))
		}, 2},
		{"body grown", func(t *testing.T, cacheFile string) {
			f, _ := os.OpenFile(cacheFile, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("x")
			f.Close()
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			url := cs.URL + "/c.yaml"
			mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
			tt.damage(t, cachePath(dir, url))
			c := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(time.Hour)))
			if got := names(c.Servers); len(got) != 1 || got[0] != "one" || cs.count() != tt.fetches {
				t.Errorf("Load = %v after %d fetches, want [one] after %d", got, cs.count(), tt.fetches)
			}
		})
	}
}

// A damaged, mismatched or foreign compact form is never used: the load
// parses the download as before and replaces the compact form.
func TestParsedFormMismatchFallsBack(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, cacheFile, url string)
	}{
		{"payload byte flipped", func(t *testing.T, cacheFile, url string) {
			data, _ := os.ReadFile(parsedPath(cacheFile))
			data[len(data)-3] ^= 0x40
			os.WriteFile(parsedPath(cacheFile), data, 0o600)
		}},
		{"other download", func(t *testing.T, cacheFile, url string) {
			other, _ := parseCatalogData([]byte(catalogV2), url)
			writeParsed(cacheFile, url, strings.Repeat("0", 64), encodeCatalog(other), machineKey(t, filepath.Dir(cacheFile)))
		}},
		{"other url", func(t *testing.T, cacheFile, url string) {
			hdr, _ := checkCache(cacheFile, url, machineKey(t, filepath.Dir(cacheFile)))
			other, _ := parseCatalogData([]byte(catalogV2), url)
			writeParsed(cacheFile, url+"x", hdr.SHA256, encodeCatalog(other), machineKey(t, filepath.Dir(cacheFile)))
		}},
		{"trailing bytes, checksum redone", func(t *testing.T, cacheFile, url string) {
			hdr, _ := checkCache(cacheFile, url, machineKey(t, filepath.Dir(cacheFile)))
			other, _ := parseCatalogData([]byte(catalogV2), url)
			writeParsed(cacheFile, url, hdr.SHA256, append(encodeCatalog(other), 0), machineKey(t, filepath.Dir(cacheFile)))
		}},
		{"truncated, checksum redone", func(t *testing.T, cacheFile, url string) {
			hdr, _ := checkCache(cacheFile, url, machineKey(t, filepath.Dir(cacheFile)))
			other, _ := parseCatalogData([]byte(catalogV2), url)
			p := encodeCatalog(other)
			writeParsed(cacheFile, url, hdr.SHA256, p[:len(p)-2], machineKey(t, filepath.Dir(cacheFile)))
		}},
		{"unknown header field", func(t *testing.T, cacheFile, url string) {
			data, _ := os.ReadFile(parsedPath(cacheFile))
			os.WriteFile(parsedPath(cacheFile), bytes.Replace(data, []byte("{"), []byte(`{"x":1,`), 1), 0o600)
		}},
		{"symlink", func(t *testing.T, cacheFile, url string) {
			os.Remove(parsedPath(cacheFile))
			mustSymlink(t, "/dev/zero", parsedPath(cacheFile))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			url := cs.URL + "/c.yaml"
			mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
			tt.damage(t, cachePath(dir, url), url)
			c := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(time.Hour)))
			if got := names(c.Servers); len(got) != 1 || got[0] != "one" || cs.count() != 1 {
				t.Errorf("Load(%s) = %v after %d fetches, want [one] from the cached download", tt.name, got, cs.count())
			}
			if _, err := readParsed(parsedPath(cachePath(dir, url)), url, sumHex([]byte(catalogV1)), machineKey(t, dir)); err != nil {
				t.Errorf("Load(%s) did not rewrite the parsed form: %v", tt.name, err)
			}
		})
	}
}

func FuzzDecodeCompact(f *testing.F) {
	c, err := parseCatalogData([]byte(generated(&testing.T{}, 20)), "f")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(encodeCatalog(c))
	f.Add([]byte{1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := decodeCatalog(string(data))
		if err == nil && c == nil {
			t.Fatal("nil catalog without an error")
		}
	})
}

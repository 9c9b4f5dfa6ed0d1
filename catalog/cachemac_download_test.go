package catalog

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// A planted download (another catalog's bytes, header and size and hash
// consistent, fresh) is never used: not fresh, not as the stale fallback
// when the fetch fails. Only one this cache sealed is.
func TestDownloadBoundToMachine(t *testing.T) {
	tests := []struct {
		name  string
		seal  func(t *testing.T, dir string) []byte
		then  keyTamper
		strip bool          // the MAC removed, as before MACs
		age   time.Duration // the planted fetch time moved by this, MAC kept
		hit   bool
	}{
		{name: "sealed under this cache's key", seal: machineKey, hit: true},
		{name: "copied from another cache dir", seal: func(t *testing.T, _ string) []byte { return otherKey(t) }},
		{name: "written before MACs", seal: machineKey, strip: true},
		{name: "key world-readable", seal: machineKey, then: keyWorldReadable},
		{name: "key a symlink", seal: machineKey, then: keySymlink},
		{name: "fetch time changed", seal: machineKey, age: -time.Minute},
		{name: "sealed under an empty key, key removed", seal: emptyKey, then: keyRemoved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			cs.set("ok", pinnedCatalog(pinReal))
			url := cs.URL + "/c.yaml"
			now := fixedNow.Add(time.Hour)
			mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
			cacheFile := cachePath(dir, url)
			os.Remove(parsedPath(cacheFile))
			if err := writeCache(cacheFile, url, fixedNow, []byte(pinnedCatalog(pinPlanted)), tt.seal(t, dir)); err != nil {
				t.Fatal(err)
			}
			if tt.strip {
				stripMAC(t, cacheFile)
			}
			if tt.age != 0 {
				retime(t, cacheFile, fixedNow.Add(tt.age))
			}
			if tt.then != nil {
				tt.then(t, dir)
			}
			got := commitOf(t, mustLoad(t, url, WithCacheDir(dir), clock(now)))
			switch {
			case tt.hit && (got != pinPlanted || cs.count() != 1):
				t.Errorf("valid download: pin %s after %d fetches, want %s from the cache", got, cs.count(), pinPlanted)
			case !tt.hit && (got != pinReal || cs.count() != 2):
				t.Errorf("planted download: pin %s after %d fetches, want %s refetched", got, cs.count(), pinReal)
			}
			if !tt.hit {
				assertNoStaleFallback(t, cs, dir, url, now.Add(24*time.Hour))
			}
		})
	}
}

// assertNoStaleFallback plants a download again and fails the fetch: the
// load fails as with no cache rather than falling back to it.
func assertNoStaleFallback(t *testing.T, cs *catalogServer, dir, url string, now time.Time) {
	t.Helper()
	cacheFile := cachePath(dir, url)
	if err := writeCache(cacheFile, url, fixedNow, []byte(pinnedCatalog(pinPlanted)), otherKey(t)); err != nil {
		t.Fatal(err)
	}
	os.Remove(parsedPath(cacheFile))
	cs.set("500", "")
	_, err := Load(context.Background(), url, WithCacheDir(dir), clock(now))
	var fe *FetchError
	if !errors.As(err, &fe) {
		t.Errorf("fetch failed with a planted download cached: %v, want the *FetchError", err)
	}
}

// retime changes the fetch time in a cached download's header, keeping
// its MAC.
func retime(t *testing.T, path string, at time.Time) {
	t.Helper()
	editHeader(t, path, func(h map[string]any) { h["fetchedAt"] = at.UTC() })
}

// A planted known-publishers download (a list naming another server) is
// not used either; one this cache sealed is.
func TestPublishersDownloadBoundToMachine(t *testing.T) {
	const planted = "source: planted\ndate: \"2026-01-02\"\nservers: [other-demo]\n"
	for _, tt := range []struct {
		name string
		seal func(t *testing.T, dir string) []byte
		hit  bool
	}{
		{"sealed under this cache's key", machineKey, true},
		{"copied from another cache dir", func(t *testing.T, _ string) []byte { return otherKey(t) }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			cs.set("ok", publishersV1)
			url := cs.URL + "/pubs.yaml"
			load := func() *Catalog {
				c, err := Load(context.Background(), DemoSpec, WithCacheDir(dir), clock(fixedNow), WithPublishersFrom(url))
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			load()
			key := "publishers " + url
			if err := writeCache(cachePath(dir, key), key, fixedNow, []byte(planted), tt.seal(t, dir)); err != nil {
				t.Fatal(err)
			}
			p := load().KnownPublishers
			if got := p.Source; (got == "planted") != tt.hit || p.FromCache != tt.hit {
				t.Errorf("publishers list from %q (from cache %v), want the planted one: %v", got, p.FromCache, tt.hit)
			}
		})
	}
}

package catalog

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/machinekey"
)

const (
	pinReal    = "1111111111111111111111111111111111111111"
	pinPlanted = "2222222222222222222222222222222222222222"
)

// pinnedCatalog is a published catalog whose one server "echo" is pinned
// to commit.
func pinnedCatalog(commit string) string {
	return "name: pinned\nregistry:\n  echo:\n    type: server\n    image: mcp/echo\n" +
		"    source: https://github.com/echo-org/echo-mcp/tree/" + commit + "/servers/echo\n"
}

// machineKey is the cache MAC key in dir.
func machineKey(t *testing.T, dir string) []byte {
	t.Helper()
	k, err := machinekey.Read(filepath.Join(dir, cacheKeyFile))
	if err != nil {
		t.Fatalf("cache key in %s: %v", dir, err)
	}
	return k
}

// otherKey returns a key that is not dir's: the key of a fresh cache
// directory.
func otherKey(t *testing.T) []byte {
	t.Helper()
	k, err := machinekey.New(t.TempDir(), cacheKeyFile).Get(true)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func commitOf(t *testing.T, c *Catalog) string {
	t.Helper()
	s, ok := c.Lookup("echo")
	if !ok {
		t.Fatalf("no echo in %v", names(c.Servers))
	}
	return s.Source.Commit
}

// plantedForm is the compact form of the catalog pinned to pinPlanted.
func plantedForm(t *testing.T, source string) []byte {
	t.Helper()
	c, err := parseCatalogData([]byte(pinnedCatalog(pinPlanted)), source)
	if err != nil {
		t.Fatal(err)
	}
	return encodeCatalog(c)
}

// stripMAC rewrites a cache file's header without its MAC, as written
// before entries were bound to a machine.
func stripMAC(t *testing.T, path string) {
	t.Helper()
	editHeader(t, path, func(h map[string]any) {
		if _, ok := h["mac"]; !ok {
			t.Fatalf("%s has no mac field: %v", path, h)
		}
		delete(h, "mac")
	})
}

// editHeader rewrites the JSON header line of a cache file with edit,
// keeping the body.
func editHeader(t *testing.T, path string, edit func(h map[string]any)) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := bytes.Cut(data, []byte("\n"))
	var h map[string]any
	if err := json.Unmarshal(head, &h); err != nil {
		t.Fatal(err)
	}
	edit(h)
	head, _ = json.Marshal(h)
	if err := os.WriteFile(path, append(append(head, '\n'), body...), 0o600); err != nil {
		t.Fatal(err)
	}
}

// keyTamper is a change to the cache's key file; plant is the key the
// planted entry is sealed under (the dir's own key, before the change).
type keyTamper func(t *testing.T, dir string)

func keyWorldReadable(t *testing.T, dir string) {
	if err := os.Chmod(filepath.Join(dir, cacheKeyFile), 0o644); err != nil {
		t.Fatal(err)
	}
}

// keySymlink replaces the key file by a link to a copy of it elsewhere:
// a link is never followed, even to the right bytes.
func keySymlink(t *testing.T, dir string) {
	p := filepath.Join(dir, cacheKeyFile)
	k := machineKey(t, dir)
	target := filepath.Join(t.TempDir(), "copy.key")
	if err := os.WriteFile(target, k, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(p)
	mustSymlink(t, target, p)
}

func keyRemoved(t *testing.T, dir string) { os.Remove(filepath.Join(dir, cacheKeyFile)) }

// formCases are the ways a compact form of the planted catalog, at the
// real source's key and SHA-256, gets into the cache: only one sealed
// under the cache's own, usable key is read (hit); every other one misses.
type formCase struct {
	name  string
	seal  func(t *testing.T, dir string) []byte // key the form is sealed under
	then  keyTamper                             // applied after planting
	strip bool                                  // the MAC removed, as before MACs
	hit   bool
}

var formCases = []formCase{
	{name: "sealed under this cache's key", seal: machineKey, hit: true},
	{name: "copied from another cache dir", seal: func(t *testing.T, _ string) []byte { return otherKey(t) }},
	{name: "written before MACs", seal: machineKey, strip: true},
	{name: "key world-readable", seal: machineKey, then: keyWorldReadable},
	{name: "key a symlink", seal: machineKey, then: keySymlink},
	{name: "key removed", seal: machineKey, then: keyRemoved},
	{name: "sealed under an empty key, key removed", seal: emptyKey, then: keyRemoved},
	{name: "sealed under an empty key, key world-readable", seal: emptyKey, then: keyWorldReadable},
}

// emptyKey is what an attacker can MAC under when we have no key.
func emptyKey(*testing.T, string) []byte { return nil }

// A compact form planted for a local file, with a different pin, is never
// what a load of that file returns unless this cache sealed it; a miss
// parses the file and rewrites the form under the (possibly new) key.
func TestFileFormBoundToMachine(t *testing.T) {
	for _, tt := range formCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := catalogFile(t, "c.yaml", pinnedCatalog(pinReal))
			if got := commitOf(t, mustLoad(t, path, WithCacheDir(dir))); got != pinReal {
				t.Fatalf("cold load pin %s, want %s", got, pinReal)
			}
			cacheFile, key, source := fileCachePath(dir, path), fileCacheKey(path), sumHex([]byte(pinnedCatalog(pinReal)))
			if err := writeParsed(cacheFile, key, source, plantedForm(t, path), tt.seal(t, dir)); err != nil {
				t.Fatal(err)
			}
			if tt.strip {
				stripMAC(t, parsedPath(cacheFile))
			}
			if tt.then != nil {
				tt.then(t, dir)
			}
			assertFormUse(t, parsedPath(cacheFile), tt.hit, func() *Catalog { return mustLoad(t, path, WithCacheDir(dir)) })
			if !tt.hit {
				if _, err := readParsed(parsedPath(cacheFile), key, source, machineKey(t, dir)); err != nil {
					t.Errorf("the miss did not rewrite the form under the cache's key: %v", err)
				}
			}
		})
	}
}

// The same for a download's compact form: the cached download is genuine
// and fresh, the form beside it planted.
func TestDownloadFormBoundToMachine(t *testing.T) {
	for _, tt := range formCases {
		t.Run(tt.name, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			cs.set("ok", pinnedCatalog(pinReal))
			url := cs.URL + "/c.yaml"
			mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
			cacheFile, source := cachePath(dir, url), sumHex([]byte(pinnedCatalog(pinReal)))
			if err := writeParsed(cacheFile, url, source, plantedForm(t, url), tt.seal(t, dir)); err != nil {
				t.Fatal(err)
			}
			if tt.strip {
				stripMAC(t, parsedPath(cacheFile))
			}
			if tt.then != nil {
				tt.then(t, dir)
			}
			assertFormUse(t, parsedPath(cacheFile), tt.hit, func() *Catalog {
				return mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(time.Hour)))
			})
			if !tt.hit {
				if _, err := readParsed(parsedPath(cacheFile), url, source, machineKey(t, dir)); err != nil {
					t.Errorf("the miss did not rewrite the form under the cache's key: %v", err)
				}
			}
		})
	}
}

// assertFormUse loads and checks the planted form was used (hit: its pin,
// and the form file left as it was, so the YAML was not parsed: a parse
// rewrites it) or not (the real pin).
func assertFormUse(t *testing.T, form string, hit bool, load func() *Catalog) {
	t.Helper()
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(form, past, past); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(form)
	got := commitOf(t, load())
	after, _ := os.ReadFile(form)
	fi, err := os.Stat(form)
	if err != nil {
		t.Fatal(err)
	}
	untouched := fi.ModTime().Equal(past) && bytes.Equal(before, after)
	switch {
	case hit && (got != pinPlanted || !untouched):
		t.Errorf("valid entry: pin %s (form untouched %v), want the form's pin %s read without a parse", got, untouched, pinPlanted)
	case !hit && got != pinReal:
		t.Errorf("planted entry used: pin %s, want the source's %s", got, pinReal)
	}
}

// A key that cannot be created never fails a load: the file and the URL
// load as without a cache.
func TestCacheKeyUnusableNeverFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, cacheKeyFile), 0o700); err != nil {
		t.Fatal(err)
	}
	path := catalogFile(t, "c.yaml", pinnedCatalog(pinReal))
	for i := range 2 {
		if got := commitOf(t, mustLoad(t, path, WithCacheDir(dir))); got != pinReal {
			t.Errorf("file load %d with a directory for a key: pin %s", i, got)
		}
	}
	cs := newCatalogServer(t)
	cs.set("ok", pinnedCatalog(pinReal))
	c := mustLoad(t, cs.URL+"/c.yaml", WithCacheDir(dir), clock(fixedNow))
	if got := commitOf(t, c); got != pinReal {
		t.Errorf("URL load with a directory for a key: pin %s", got)
	}
	if len(c.Problems) != 1 || c.Problems[0].Rule != "cache" || !strings.Contains(c.Problems[0].Message, cacheKeyFile) {
		t.Errorf("URL load problems %+v, want one cache warning naming the key", c.Problems)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.parsed")); len(m) != 0 {
		t.Errorf("entries written without a key: %v", m)
	}
}

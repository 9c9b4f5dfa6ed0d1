package catalog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// catalogFile writes a catalog file in a fresh directory and returns its path.
func catalogFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A catalog file loaded with a cache directory leaves its compact form
// there, and the next load gives exactly the catalog a parse gives.
func TestFileParsedFormRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := catalogFile(t, "catalog.yaml", generated(t, 300))
	plain := mustLoad(t, path, clock(fixedNow))
	cold := mustLoad(t, path, WithCacheDir(dir), clock(fixedNow))
	if _, err := os.Stat(parsedPath(fileCachePath(dir, path))); err != nil {
		t.Fatalf("no parsed form after the first load: %v", err)
	}
	warm := mustLoad(t, path, WithCacheDir(dir), clock(fixedNow))
	for _, c := range []*Catalog{cold, warm} {
		if got, want := catalogJSON(t, c), catalogJSON(t, plain); got != want {
			t.Errorf("load with a cache differs from the parse:\n got %.300s\nwant %.300s", got, want)
		}
		if c.FromCache || c.Kind != KindFile || c.Source != path {
			t.Errorf("load: FromCache %v kind %s source %s, want a file load of %s", c.FromCache, c.Kind, c.Source, path)
		}
	}
	if s, ok := warm.Lookup("server-000008"); !ok || s.Remote == nil || len(warm.Servers) != 300 {
		t.Errorf("warm load lost entries or the index: %v %v", ok, s)
	}
}

// The compact form is what a warm load reads when it is bound to the
// file's path and bytes (so the tests below show the fallbacks are real).
func TestFileParsedFormIsUsed(t *testing.T) {
	dir := t.TempDir()
	path := catalogFile(t, "c.yaml", catalogV1)
	mustLoad(t, path, WithCacheDir(dir))
	other, err := parseCatalogData([]byte(catalogV2), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeParsed(fileCachePath(dir, path), fileCacheKey(path), sumHex([]byte(catalogV1)), encodeCatalog(other), machineKey(t, dir)); err != nil {
		t.Fatal(err)
	}
	if c := mustLoad(t, path, WithCacheDir(dir)); names(c.Servers)[0] != "two" {
		t.Errorf("warm load = %v, want the compact form's servers", names(c.Servers))
	}
}

// A compact form of other bytes, of another path or damaged is never used:
// the file is parsed and its form rewritten.
func TestFileParsedFormMismatchFallsBack(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir, path string)
	}{
		{"form of other bytes at this path", func(t *testing.T, dir, path string) {
			other, _ := parseCatalogData([]byte(catalogV2), path)
			writeParsed(fileCachePath(dir, path), fileCacheKey(path), sumHex([]byte(catalogV2)), encodeCatalog(other), machineKey(t, dir))
		}},
		{"form of another path with the same bytes", func(t *testing.T, dir, path string) {
			other, _ := parseCatalogData([]byte(catalogV2), path)
			writeParsed(fileCachePath(dir, path), fileCacheKey(path+"x"), sumHex([]byte(catalogV1)), encodeCatalog(other), machineKey(t, dir))
		}},
		{"payload byte flipped", func(t *testing.T, dir, path string) {
			p := parsedPath(fileCachePath(dir, path))
			data, _ := os.ReadFile(p)
			data[len(data)-3] ^= 0x40
			os.WriteFile(p, data, 0o600)
		}},
		{"symlink", func(t *testing.T, dir, path string) {
			p := parsedPath(fileCachePath(dir, path))
			os.Remove(p)
			mustSymlink(t, "/dev/zero", p)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := catalogFile(t, "c.yaml", catalogV1)
			mustLoad(t, path, WithCacheDir(dir))
			tt.damage(t, dir, path)
			c := mustLoad(t, path, WithCacheDir(dir))
			if got := names(c.Servers); len(got) != 1 || got[0] != "one" {
				t.Errorf("Load(%s) = %v, want [one] from the file", tt.name, got)
			}
			if _, err := readParsed(parsedPath(fileCachePath(dir, path)), fileCacheKey(path), sumHex([]byte(catalogV1)), machineKey(t, dir)); err != nil {
				t.Errorf("Load(%s) did not rewrite the parsed form: %v", tt.name, err)
			}
		})
	}
}

// An edited file is loaded as it is now, and a file that does not parse
// fails as without a cache and leaves no form behind.
func TestFileParsedFormFollowsTheFile(t *testing.T) {
	dir := t.TempDir()
	path := catalogFile(t, "c.yaml", catalogV1)
	mustLoad(t, path, WithCacheDir(dir))
	if err := os.WriteFile(path, []byte(catalogV2), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := names(mustLoad(t, path, WithCacheDir(dir)).Servers); len(got) != 1 || got[0] != "two" {
		t.Errorf("load after an edit = %v, want [two]", got)
	}
	bad := catalogFile(t, "bad.yaml", "registry:\n  one: [\n")
	_, errPlain := Load(context.Background(), bad)
	_, errCached := Load(context.Background(), bad, WithCacheDir(dir))
	var pe *ParseError
	if !errors.As(errCached, &pe) || errPlain == nil || errCached.Error() != errPlain.Error() {
		t.Errorf("broken file with a cache: %v; without: %v; want the same *ParseError", errCached, errPlain)
	}
	if _, err := os.Stat(parsedPath(fileCachePath(dir, bad))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file that does not parse left a parsed form: %v", err)
	}
}

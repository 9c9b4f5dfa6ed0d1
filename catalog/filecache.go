package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// A catalog YAML file is parsed through the same compact form as a cached
// download (parsedcache.go): with a cache directory, the parse of a file's
// bytes is kept as file-<hash of the path>.parsed, its header naming the
// path (as "file:PATH") and the SHA-256 of the bytes it was parsed from. A
// later load of that path reads the file, hashes it and, when a compact form
// of exactly those bytes is there, decodes it instead of parsing the YAML
// (a few milliseconds for a 300-entry catalog, on every `verify NAME`). The
// parse is a function of the bytes and the path alone, so the catalog is
// the one a parse gives; anything else (another content, path or version, a
// damaged file, a form this cache did not seal: cachemac.go) is ignored and
// the file parsed and the form rewritten. One
// form is kept per path: a changed file replaces its predecessor's.

// fileCacheKey is the header's url field for a file's compact form.
func fileCacheKey(path string) string { return "file:" + path }

// fileCachePath is the cacheFile whose parsedPath holds path's compact
// form (no download sits beside it).
func fileCachePath(dir, path string) string {
	sum := sha256.Sum256([]byte(fileCacheKey(path)))
	return filepath.Join(dir, "file-"+hex.EncodeToString(sum[:])+".cache")
}

// parseFile is parseCatalogData for a file's bytes, through the compact
// form when there is a cache directory. A failed parse writes nothing.
func parseFile(data []byte, path string, cfg *config) (*Catalog, error) {
	if cfg.cacheDir == "" {
		return parseCatalogData(data, path)
	}
	cacheFile, key, source := fileCachePath(cfg.cacheDir, path), fileCacheKey(path), sumHex(data)
	if c, err := readParsed(parsedPath(cacheFile), key, source, cfg.openKey()); err == nil {
		return c, nil
	}
	c, err := parseCatalogData(data, path)
	if err != nil {
		return nil, err
	}
	keepParsed(cacheFile, key, source, encodeCatalog(c), cfg)
	return c, nil
}

package catalog

import (
	"context"
	"errors"
	"io"
	"net/url"
	"path"
	"time"
)

// loadURL loads a catalog over https with the cache: a fresh cached copy is
// used without network; otherwise the URL is fetched, and if that fails
// for any reason a cached copy of any age is used and marked Stale. A
// download that fails, is cut short, is too big or does not parse never
// replaces the cached copy.
func loadURL(ctx context.Context, rawURL string, cfg *config) (*Catalog, error) {
	u, err := url.Parse(rawURL)
	if err == nil {
		err = checkFetchURL(u)
	}
	if err != nil {
		return nil, &InputError{Path: rawURL, Err: err}
	}
	var cacheFile string
	var hdr cacheHeader
	var cached []byte
	if cfg.cacheDir != "" {
		cacheFile = cachePath(cfg.cacheDir, rawURL)
		if c, ok := loadParsed(cacheFile, rawURL, cfg); ok {
			return c, nil
		}
		hdr, cached, _ = readCache(cacheFile, rawURL, cfg.openKey()) // unusable cache = no cache
	}
	if cached != nil && fresh(hdr.FetchedAt, cfg.now()) {
		if c, parsed, err := urlCatalog(cached, rawURL, hdr.FetchedAt, cfg); err == nil {
			keepParsed(cacheFile, rawURL, hdr.SHA256, parsed, cfg)
			c.FromCache = true
			return c, nil
		}
	}
	now := cfg.now()
	body, c, parsed, ferr := fetchAndParse(ctx, rawURL, now, cfg)
	if ferr == nil {
		if cacheFile != "" {
			if err := storeDownload(cacheFile, rawURL, now, body, cfg); err != nil {
				c.Problems = append(c.Problems, Problem{File: cacheFile, Rule: "cache", Severity: SeverityWarning, Message: err.Error()})
			} else {
				keepParsed(cacheFile, rawURL, sumHex(body), parsed, cfg)
			}
		}
		return c, nil
	}
	if cached == nil || ctx.Err() != nil {
		return nil, ferr
	}
	c, _, err = urlCatalog(cached, rawURL, hdr.FetchedAt, cfg)
	if err != nil {
		return nil, ferr
	}
	c.FromCache, c.Stale, c.StaleReason = true, true, ferr.Error()
	return c, nil
}

// keepParsed stores the compact form of a parsed download so the next load
// skips the parse. A failure only means the next load parses again.
func keepParsed(cacheFile, rawURL, source string, parsed []byte, cfg *config) {
	if cacheFile == "" || parsed == nil {
		return
	}
	if key, err := cfg.sealKey(); err == nil {
		_ = writeParsed(cacheFile, rawURL, source, parsed, key)
	}
}

// storeDownload caches a download that parsed, sealed under the cache's
// key (created on first use).
func storeDownload(cacheFile, rawURL string, now time.Time, body []byte, cfg *config) error {
	key, err := cfg.sealKey()
	if err != nil {
		return err
	}
	return writeCache(cacheFile, rawURL, now, body, key)
}

func fetchAndParse(ctx context.Context, rawURL string, now time.Time, cfg *config) ([]byte, *Catalog, []byte, error) {
	body, err := fetchBody(ctx, cfg.fetcher, rawURL, cfg.maxBytes)
	if err != nil {
		return nil, nil, nil, err
	}
	c, parsed, err := urlCatalog(body, rawURL, now, cfg)
	return body, c, parsed, err
}

// fetchBody downloads at most max bytes. A failure while reading
// the body (connection cut, truncated chunk) is a network failure.
func fetchBody(ctx context.Context, f Fetcher, rawURL string, max int64) ([]byte, error) {
	rc, err := f.Fetch(ctx, rawURL)
	if err != nil {
		return nil, asFetchError(rawURL, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, &FetchError{URL: rawURL, Err: err}
	}
	if int64(len(data)) > max {
		return nil, tooLarge(rawURL, max)
	}
	return data, nil
}

func asFetchError(rawURL string, err error) error {
	var fe *FetchError
	var ie *InputError
	if errors.As(err, &fe) || errors.As(err, &ie) {
		return err
	}
	return &FetchError{URL: rawURL, Err: err}
}

// urlCatalog parses and finishes a downloaded catalog. With a cache
// directory it also returns the compact form of the parse (before finish).
func urlCatalog(body []byte, rawURL string, fetchedAt time.Time, cfg *config) (*Catalog, []byte, error) {
	c, err := parseCatalogData(body, rawURL)
	if err != nil {
		return nil, nil, err
	}
	c.Source, c.Kind, c.FetchedAt = rawURL, KindURL, fetchedAt
	if c.Name == "" {
		if u, err := url.Parse(rawURL); err == nil {
			c.Name = path.Base(u.Path)
		}
	}
	var parsed []byte
	if cfg.cacheDir != "" {
		parsed = encodeCatalog(c)
	}
	c.finish(cfg.publishers, false)
	return c, parsed, nil
}

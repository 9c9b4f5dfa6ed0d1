package catalog

import (
	"context"
	"embed"
	"net/url"
	"strings"
	"time"
)

// defaultFS holds the known-publishers list built into the binary (its
// header says where the data comes from and how old it is).
//
//go:embed publishers/known-publishers.yaml
var defaultFS embed.FS

// BuiltinPublishersOrigin is the Origin of DefaultPublishers.
const BuiltinPublishersOrigin = "built-in"

// DefaultPublishers returns the built-in known-publishers list. Each call
// returns a new list.
func DefaultPublishers() *Publishers {
	data, err := defaultFS.ReadFile("publishers/known-publishers.yaml")
	if err != nil {
		return nil
	}
	p, err := ParsePublishers(data, "publishers/known-publishers.yaml")
	if err != nil {
		return nil // the embedded file is tested; nil lists no one
	}
	p.Origin = BuiltinPublishersOrigin
	return p
}

// WithPublishersFrom sets the known-publishers list from spec, a file or
// an https URL (http only for loopback), read when Load runs with Load's
// cache, fetcher and clock: a URL list is cached like a URL catalog and
// used from the cache when a refresh fails (marked Stale). It replaces
// WithPublishers.
func WithPublishersFrom(spec string) Option {
	return func(c *config) { c.publishersSpec = spec }
}

// resolvePublishers loads cfg.publishersSpec, when set, into cfg.publishers.
func (c *config) resolvePublishers(ctx context.Context) error {
	spec := c.publishersSpec
	switch {
	case spec == "":
		return nil
	case strings.HasPrefix(spec, "https://"), strings.HasPrefix(spec, "http://"):
		p, err := loadPublishersURL(ctx, spec, c)
		c.publishers = p
		return err
	}
	p, err := LoadPublishers(spec)
	c.publishers = p
	return err
}

// loadPublishersURL fetches a publishers list with the URL cache: fresh
// cached copy first, else fetch, else any cached copy marked Stale. The
// cache key is distinct from a catalog's, so one URL cannot serve as both.
func loadPublishersURL(ctx context.Context, rawURL string, c *config) (*Publishers, error) {
	u, err := url.Parse(rawURL)
	if err == nil {
		err = checkFetchURL(u)
	}
	if err != nil {
		return nil, &InputError{Path: rawURL, Err: err}
	}
	key := "publishers " + rawURL
	var cacheFile string
	var hdr cacheHeader
	var cached []byte
	if c.cacheDir != "" {
		cacheFile = cachePath(c.cacheDir, key)
		hdr, cached, _ = readCache(cacheFile, key, c.openKey()) // unusable cache = no cache
	}
	if cached != nil && fresh(hdr.FetchedAt, c.now()) {
		if p, err := urlPublishers(cached, rawURL, hdr.FetchedAt); err == nil {
			p.FromCache = true
			return p, nil
		}
	}
	p, ferr := fetchPublishers(ctx, rawURL, cacheFile, key, c)
	if ferr == nil || cached == nil || ctx.Err() != nil {
		return p, ferr
	}
	if p, err = urlPublishers(cached, rawURL, hdr.FetchedAt); err != nil {
		return nil, ferr
	}
	p.FromCache, p.Stale, p.StaleReason = true, true, ferr.Error()
	return p, nil
}

// fetchPublishers downloads and parses a list, and caches it when it
// parsed (a cache that cannot be written only costs a refetch).
func fetchPublishers(ctx context.Context, rawURL, cacheFile, key string, c *config) (*Publishers, error) {
	now := c.now()
	body, err := fetchBody(ctx, c.fetcher, rawURL, maxServerFile)
	if err != nil {
		return nil, err
	}
	p, err := urlPublishers(body, rawURL, now)
	if err != nil {
		return nil, err
	}
	if cacheFile != "" {
		_ = storeDownload(cacheFile, key, now, body, c)
	}
	return p, nil
}

func urlPublishers(body []byte, rawURL string, fetchedAt time.Time) (*Publishers, error) {
	p, err := ParsePublishers(body, rawURL)
	if err != nil {
		return nil, err
	}
	p.Origin, p.FetchedAt = rawURL, fetchedAt
	return p, nil
}

package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/machinekey"
)

// Catalog sources Load understands besides paths.
const (
	// DemoSpec loads the demo catalog embedded in the binary.
	DemoSpec = "demo"
	// DefaultURL is the official published catalog. Load never uses it by
	// itself: the command layer passes it as the default --catalog.
	DefaultURL = "https://desktop.docker.com/mcp/catalog/v3/catalog.yaml"
	// CacheTTL is how long a cached URL catalog is used without a refetch.
	CacheTTL = 12 * time.Hour
	// maxCatalogFile caps a published catalog (file, download or artifact).
	maxCatalogFile = 64 << 20
)

// Option configures Load.
type Option func(*config)

type config struct {
	cacheDir   string
	keys       *machinekey.Key // the cache's MAC key (cachemac.go), with cacheDir
	fetcher    Fetcher
	now        func() time.Time
	publishers *Publishers
	// publishersSpec, when set, is loaded into publishers by Load.
	publishersSpec string
	oci            func(ctx context.Context, ref string) ([]byte, error)
	maxBytes       int64 // cap on a catalog file, download or artifact
}

// WithCacheDir caches URL catalogs in dir (created 0700 if missing).
// Default: "", no cache: every URL load fetches, and a failed fetch fails.
func WithCacheDir(dir string) Option { return func(c *config) { c.cacheDir = dir } }

// WithFetcher replaces the HTTP client used for URL catalogs. Default:
// DefaultFetcher(), https only (http only for loopback hosts), 30 s timeout.
func WithFetcher(f Fetcher) Option { return func(c *config) { c.fetcher = f } }

// WithNow sets the clock used for FetchedAt and cache freshness.
// Default: time.Now.
func WithNow(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithPublishers sets the known-publishers list used for tiers. Default:
// nil, nobody is a known publisher; the demo catalog uses its own list.
func WithPublishers(p *Publishers) Option { return func(c *config) { c.publishers = p } }

// WithOCI supplies the function that pulls a catalog artifact's JSON for
// oci://REF sources. Default: nil, and oci:// sources fail with ErrNoOCI.
func WithOCI(pull func(ctx context.Context, ref string) ([]byte, error)) Option {
	return func(c *config) { c.oci = pull }
}

// Load loads a catalog. spec is DemoSpec, "oci://REF", an https:// URL (or
// http:// on a loopback host), or a local path: a registry checkout, its
// servers/ directory, one server's directory, a published catalog YAML, or
// a single server.yaml. A local file literally named "demo" needs "./demo".
//
// Errors: *InputError and *ParseError for unusable input (exit 2),
// *FetchError when a URL or OCI catalog could not be fetched and no cached
// copy exists (exit 3). Per-file problems in a checkout are not errors:
// they are listed in Catalog.Problems and the other entries load.
func Load(ctx context.Context, spec string, opts ...Option) (*Catalog, error) {
	cfg := &config{now: time.Now, maxBytes: maxCatalogFile}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.fetcher == nil {
		cfg.fetcher = DefaultFetcher()
	}
	if cfg.cacheDir != "" {
		cfg.keys = machinekey.New(cfg.cacheDir, cacheKeyFile)
	}
	if err := cfg.resolvePublishers(ctx); err != nil {
		return nil, err
	}
	switch {
	case spec == "":
		return nil, &InputError{Path: "catalog", Err: fmt.Errorf("%w: empty source", ErrUnsupported)}
	case spec == DemoSpec:
		return loadDemo(cfg)
	case strings.HasPrefix(spec, "oci://"):
		return loadOCI(ctx, spec, cfg)
	case strings.HasPrefix(spec, "https://"), strings.HasPrefix(spec, "http://"):
		return loadURL(ctx, spec, cfg)
	case strings.Contains(spec, "://"):
		return nil, &InputError{Path: spec, Err: fmt.Errorf("%w: use a path, https://, oci:// or demo", ErrUnsupported)}
	}
	return loadPath(ctx, spec, cfg)
}

// loadPath dispatches on what the user's path is. The path itself may be a
// symlink (the user chose it); entries inside a checkout may not.
func loadPath(ctx context.Context, path string, cfg *config) (*Catalog, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fsError(path, err)
	}
	if st.IsDir() {
		return loadDir(ctx, path, cfg)
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(path, st.Mode())
	}
	data, err := readFileCapped(path, cfg.maxBytes, false)
	if err != nil {
		return nil, err
	}
	c, err := parseFile(data, path, cfg)
	if err != nil {
		return nil, err
	}
	c.Source, c.Kind, c.FetchedAt = path, KindFile, cfg.now()
	if c.Name == "" {
		c.Name = filepath.Base(path)
	}
	c.finish(cfg.publishers, false)
	return c, nil
}

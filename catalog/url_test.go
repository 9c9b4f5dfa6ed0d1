package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	catalogV1 = "name: remote-test\nregistry:\n  one:\n    type: server\n    image: mcp/one\n"
	catalogV2 = "name: remote-test\nregistry:\n  two:\n    type: server\n    image: mcp/two\n"
)

// catalogServer is a loopback catalog host whose behaviour tests switch.
type catalogServer struct {
	*httptest.Server
	mu   sync.Mutex
	mode string // ok, 500, truncated, garbage, not-a-catalog, oversize
	body string
	hits int
}

func newCatalogServer(t *testing.T) *catalogServer {
	cs := &catalogServer{mode: "ok", body: catalogV1}
	cs.Server = httptest.NewServer(http.HandlerFunc(cs.serve))
	t.Cleanup(cs.Close)
	return cs
}

func (cs *catalogServer) set(mode, body string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.mode, cs.body = mode, body
}

func (cs *catalogServer) serve(w http.ResponseWriter, r *http.Request) {
	cs.mu.Lock()
	mode, body := cs.mode, cs.body
	cs.hits++
	cs.mu.Unlock()
	switch mode {
	case "500":
		http.Error(w, "boom", http.StatusInternalServerError)
	case "truncated":
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write([]byte(body[:len(body)/2]))
	case "garbage":
		w.Write([]byte("registry: [unclosed\n  - {\n"))
	case "not-a-catalog":
		w.Write([]byte("<html>captive portal</html>\n"))
	case "oversize":
		w.Write([]byte(strings.Repeat("# padding\n", 1000)))
	default:
		w.Write([]byte(body))
	}
}

func (cs *catalogServer) count() int {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.hits
}

// withMaxBytes lowers the catalog cap so "oversize" needs only 10 KB.
func withMaxBytes(n int64) Option { return func(c *config) { c.maxBytes = n } }

func TestURLLoadWithoutCache(t *testing.T) {
	cs := newCatalogServer(t)
	c := mustLoad(t, cs.URL+"/catalog.yaml", clock(fixedNow))
	if c.Kind != KindURL || c.Source != cs.URL+"/catalog.yaml" || c.FromCache || c.Stale || !c.FetchedAt.Equal(fixedNow) {
		t.Errorf("Load(url) = kind %s source %q fromCache %v stale %v fetchedAt %v", c.Kind, c.Source, c.FromCache, c.Stale, c.FetchedAt)
	}
	if got := strings.Join(names(c.Servers), ","); got != "one" {
		t.Errorf("Load(url) servers = %s, want one", got)
	}
}

func TestURLFreshCacheUsedOffline(t *testing.T) {
	cs, dir := newCatalogServer(t), t.TempDir()
	url := cs.URL + "/c.yaml"
	mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
	cs.Close()
	c := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(11*time.Hour)))
	if !c.FromCache || c.Stale || !c.FetchedAt.Equal(fixedNow) || names(c.Servers)[0] != "one" {
		t.Errorf("Load(fresh cache, offline) fromCache %v stale %v fetchedAt %v servers %v; want cached copy from %v", c.FromCache, c.Stale, c.FetchedAt, names(c.Servers), fixedNow)
	}
	if cs.count() != 1 {
		t.Errorf("requests = %d, want 1 (fresh cache must not refetch)", cs.count())
	}
}

func TestURLStaleCacheRefreshed(t *testing.T) {
	cs, dir := newCatalogServer(t), t.TempDir()
	url := cs.URL + "/c.yaml"
	mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
	cs.set("ok", catalogV2)
	later := fixedNow.Add(13 * time.Hour)
	c := mustLoad(t, url, WithCacheDir(dir), clock(later))
	if c.FromCache || c.Stale || names(c.Servers)[0] != "two" || !c.FetchedAt.Equal(later) {
		t.Errorf("Load(stale cache) = fromCache %v stale %v servers %v; want a fresh fetch of v2", c.FromCache, c.Stale, names(c.Servers))
	}
	cs.Close()
	c = mustLoad(t, url, WithCacheDir(dir), clock(later.Add(time.Hour)))
	if !c.FromCache || names(c.Servers)[0] != "two" {
		t.Errorf("Load(after refresh, offline) = fromCache %v servers %v; want cached v2", c.FromCache, names(c.Servers))
	}
}

func TestURLFailedRefreshUsesStaleCache(t *testing.T) {
	cs, dir := newCatalogServer(t), t.TempDir()
	url := cs.URL + "/c.yaml"
	mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
	cs.Close()
	c := mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(30*24*time.Hour)))
	if !c.Stale || !c.FromCache || !c.FetchedAt.Equal(fixedNow) || !strings.Contains(c.StaleReason, "fetching "+url) {
		t.Errorf("Load(network down, old cache) = stale %v fromCache %v fetchedAt %v reason %q; want the stale copy of %v", c.Stale, c.FromCache, c.FetchedAt, c.StaleReason, fixedNow)
	}
}

// A broken download never replaces a good cache and leaves no temp file.
func TestURLBrokenDownloadKeepsCache(t *testing.T) {
	for _, mode := range []string{"500", "truncated", "garbage", "not-a-catalog", "oversize"} {
		t.Run(mode, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			url := cs.URL + "/c.yaml"
			opts := []Option{WithCacheDir(dir), withMaxBytes(4096)}
			mustLoad(t, url, append(opts, clock(fixedNow))...)
			file := cachePath(dir, url)
			before, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cs.set(mode, catalogV2)
			c := mustLoad(t, url, append(opts, clock(fixedNow.Add(13*time.Hour)))...)
			if !c.Stale || names(c.Servers)[0] != "one" || c.StaleReason == "" {
				t.Errorf("Load(%s download) = stale %v servers %v reason %q; want the old cache, stale", mode, c.Stale, names(c.Servers), c.StaleReason)
			}
			after, _ := os.ReadFile(file)
			if string(after) != string(before) {
				t.Errorf("Load(%s download) rewrote the cache file", mode)
			}
			if got := cacheDirNames(t, dir); len(got) != 3 || !strings.HasSuffix(got[0], ".cache") || !strings.HasSuffix(got[1], ".parsed") || got[2] != cacheKeyFile {
				t.Errorf("cache dir after a %s download holds %v, want the download, its parsed form and the MAC key (no temp files)", mode, got)
			}
			cs.set("ok", catalogV2)
			if c := mustLoad(t, url, append(opts, clock(fixedNow.Add(14*time.Hour)))...); names(c.Servers)[0] != "two" || c.Stale {
				t.Errorf("Load(after recovery) = %v stale %v, want two", names(c.Servers), c.Stale)
			}
		})
	}
}

func TestURLErrorsWithoutCache(t *testing.T) {
	tests := []struct {
		mode string
		want func(error) bool
	}{
		{"closed", func(err error) bool { var fe *FetchError; return errors.As(err, &fe) }},
		{"500", func(err error) bool { var fe *FetchError; return errors.As(err, &fe) && fe.Status == 500 }},
		{"truncated", func(err error) bool { var fe *FetchError; return errors.As(err, &fe) }},
		{"garbage", func(err error) bool { var pe *ParseError; return errors.As(err, &pe) }},
		{"not-a-catalog", func(err error) bool { var pe *ParseError; return errors.As(err, &pe) }},
		{"oversize", func(err error) bool { var ie *InputError; return errors.As(err, &ie) && errors.Is(err, ErrTooLarge) }},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			cs.set(tt.mode, catalogV1)
			if tt.mode == "closed" {
				cs.Close()
			}
			_, err := Load(context.Background(), cs.URL+"/c.yaml", WithCacheDir(dir), withMaxBytes(4096))
			if !tt.want(err) {
				t.Errorf("Load(%s, no cache) = %v (%T), want a different error class", tt.mode, err, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("Load(%s, no cache) left %d files in the cache dir, want 0", tt.mode, len(entries))
			}
		})
	}
}

func TestURLUnusableCache(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, file string)
	}{
		{"tampered body", func(t *testing.T, file string) {
			data, _ := os.ReadFile(file)
			os.WriteFile(file, []byte(strings.Replace(string(data), "mcp/one", "evil/one", 1)), 0o600)
		}},
		{"no header", func(t *testing.T, file string) { os.WriteFile(file, []byte(catalogV1), 0o600) }},
		{"symlink", func(t *testing.T, file string) {
			os.Remove(file)
			mustSymlink(t, "/dev/zero", file)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, dir := newCatalogServer(t), t.TempDir()
			url := cs.URL + "/c.yaml"
			mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
			tt.damage(t, cachePath(dir, url))
			cs.Close()
			c, err := Load(context.Background(), url, WithCacheDir(dir), clock(fixedNow.Add(time.Hour)))
			var fe *FetchError
			if !errors.As(err, &fe) {
				t.Errorf("Load(%s cache, offline) = %v, %v; want *FetchError (an unusable cache is no cache)", tt.name, c, err)
			}
		})
	}
}

func TestURLCacheFromTheFutureIsStale(t *testing.T) {
	cs, dir := newCatalogServer(t), t.TempDir()
	url := cs.URL + "/c.yaml"
	mustLoad(t, url, WithCacheDir(dir), clock(fixedNow.Add(time.Hour)))
	mustLoad(t, url, WithCacheDir(dir), clock(fixedNow))
	if cs.count() != 2 {
		t.Errorf("requests = %d, want 2 (a cache dated in the future is refetched)", cs.count())
	}
}

func TestCachePath(t *testing.T) {
	sum := sha256.Sum256([]byte("https://x.example/c.yaml"))
	want := filepath.Join("d", "catalog-"+hex.EncodeToString(sum[:])+".cache")
	if got := cachePath("d", "https://x.example/c.yaml"); got != want {
		t.Errorf("cachePath = %q, want %q", got, want)
	}
}

func TestURLCancelled(t *testing.T) {
	cs := newCatalogServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, cs.URL+"/c.yaml")
	var fe *FetchError
	if !errors.As(err, &fe) || !errors.Is(err, context.Canceled) {
		t.Errorf("Load(cancelled) = %v, want *FetchError wrapping context.Canceled", err)
	}
}

func TestCustomFetcherErrorsAreFetchErrors(t *testing.T) {
	boom := errors.New("no route to host")
	f := WithFetcher(FetcherFunc(func(context.Context, string) (io.ReadCloser, error) { return nil, boom }))
	_, err := Load(context.Background(), "https://catalog.invalid/c.yaml", f)
	var fe *FetchError
	if !errors.As(err, &fe) || !errors.Is(err, boom) {
		t.Errorf("Load(failing fetcher) = %v, want *FetchError wrapping the cause", err)
	}
}

// A cache that cannot be written is a warning, not a failed load.
func TestURLCacheWriteFailureIsAWarning(t *testing.T) {
	cs := newCatalogServer(t)
	blocker := writeFile(t, t.TempDir(), "not-a-dir", "x")
	c := mustLoad(t, cs.URL+"/c.yaml", WithCacheDir(filepath.Join(blocker, "cache")))
	if len(c.Servers) != 1 || len(c.Problems) != 1 || c.Problems[0].Rule != "cache" || c.Problems[0].Severity != SeverityWarning {
		t.Errorf("Load(unwritable cache) = %v, problems %v; want the catalog and one cache warning", names(c.Servers), c.Problems)
	}
}

// cacheDirNames lists the names in a cache directory, sorted.
func cacheDirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

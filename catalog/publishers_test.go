package catalog

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const publishersV1 = "source: test list\ndate: \"2026-01-02\"\nservers: [archive-demo]\n"

// A --publishers URL is cached like a catalog: fetched once while fresh,
// used stale (and said so) when a refresh fails.
func TestPublishersFromURL(t *testing.T) {
	cs := newCatalogServer(t)
	cs.set("ok", publishersV1)
	dir := t.TempDir()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	load := func(at time.Time) *Catalog {
		t.Helper()
		c, err := Load(context.Background(), DemoSpec, WithCacheDir(dir), clock(at), WithPublishersFrom(cs.URL+"/pubs.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := load(now)
	p := c.KnownPublishers
	if p == nil || p.Origin != cs.URL+"/pubs.yaml" || p.Source != "test list" || p.Date != "2026-01-02" || p.FromCache || p.Stale {
		t.Fatalf("first load: publishers %+v", p)
	}
	if s, _ := c.Lookup("archive-demo"); s == nil || s.Publisher != PublisherKnown {
		t.Errorf("archive-demo = %+v, want known-publisher from the URL list", s)
	}
	hits := cs.count()
	if c = load(now.Add(time.Hour)); !c.KnownPublishers.FromCache || c.KnownPublishers.Stale || cs.count() != hits {
		t.Fatalf("fresh cache: publishers %+v, %d new requests", c.KnownPublishers, cs.count()-hits)
	}
	cs.set("500", "")
	if p = load(now.Add(CacheTTL + time.Hour)).KnownPublishers; !p.Stale || !p.FromCache || p.StaleReason == "" || len(p.Servers()) != 1 {
		t.Errorf("failed refresh: publishers %+v, want the stale cached copy", p)
	}
	if cs.count() != hits+1 {
		t.Errorf("a stale cache made %d requests, want 1 refresh attempt", cs.count()-hits)
	}
}

func TestPublishersFromURLErrors(t *testing.T) {
	cs := newCatalogServer(t)
	tests := []struct {
		name, mode, body string
		want             any
	}{
		{"server error, no cache", "500", "", new(*FetchError)},
		{"not a list", "ok", "42\n", new(*ParseError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs.set(tt.mode, tt.body)
			_, err := Load(context.Background(), "demo", WithCacheDir(t.TempDir()), WithPublishersFrom(cs.URL+"/p.yaml"))
			if err == nil || !errors.As(err, tt.want) {
				t.Errorf("Load with --publishers %s = %v, want %T", tt.name, err, tt.want)
			}
		})
	}
	_, err := Load(context.Background(), "demo", WithPublishersFrom("http://example.com/p.yaml"))
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "example.com") {
		t.Errorf("plain http to a non-loopback host = %v, want an *InputError before any request", err)
	}
}

package demo

import (
	"context"
	"fmt"
	"os"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/demo/demosign"
	"github.com/mcp-trust/mcp-trust/internal/imageref"
	"github.com/mcp-trust/mcp-trust/internal/ocitest"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// World is a seeded demo: the registry, the keys that sign it, and the demo
// catalog rewritten to point at it.
type World struct {
	Catalog *catalog.Catalog
	// KeyPEM and RekorPEM are the demo's signing and transparency-log keys.
	KeyPEM, RekorPEM []byte
	// Expect maps each seeded server to its scenario.
	Expect map[string]Scenario
	// Host is the registry's host:port.
	Host string
	// Reports is a temporary reviews store holding the demo's reviews.
	Reports reviewer.Store

	reg        *ocitest.Registry
	key, other *demosign.Key
	rekor      *demosign.Log
}

// Close stops the registry and removes the demo's reviews.
func (w *World) Close() {
	w.reg.Close()
	if w.Reports.Dir != "" {
		os.RemoveAll(w.Reports.Dir)
	}
}

// Seed loads the demo catalog, starts the registry and seeds every entry
// with an image.
func Seed(ctx context.Context) (*World, error) {
	cat, err := catalog.Load(ctx, catalog.DemoSpec)
	if err != nil {
		return nil, err
	}
	w := &World{Catalog: cat, Expect: map[string]Scenario{}}
	if w.key, err = demosign.NewKey(); err != nil {
		return nil, err
	}
	if w.other, err = demosign.NewKey(); err != nil {
		return nil, err
	}
	if w.rekor, err = demosign.NewLog(); err != nil {
		return nil, err
	}
	w.reg = ocitest.NewRegistry()
	w.Host, w.KeyPEM, w.RekorPEM = w.reg.Host, w.key.PublicPEM(), w.rekor.PublicPEM()
	if err := w.seedReviews(cat); err != nil {
		w.Close()
		return nil, err
	}
	for _, s := range cat.Servers {
		if s.Image == "" {
			continue
		}
		if err := w.seed(s); err != nil {
			w.Close()
			return nil, fmt.Errorf("seeding demo image for %s: %w", s.Name, err)
		}
	}
	return w, nil
}

// scenarioFor picks an entry's scenario: the table first, then its tier.
func scenarioFor(s *catalog.Server) Scenario {
	if sc, ok := scenarios[s.Name]; ok {
		return sc
	}
	switch {
	case !inMCPNamespace(s.Image):
		return Publisher
	case s.Pin != catalog.PinPinned:
		return BadPin
	}
	return Good
}

// inMCPNamespace reports whether the demo entry's image is mcp/<name>.
func inMCPNamespace(image string) bool {
	r, err := imageref.Parse(image)
	return err == nil && r.InMCPNamespace()
}

// repoPath is an image reference's repository path, without registry host,
// tag or digest; the demo catalog's images all parse.
func repoPath(image string) string {
	r, err := imageref.Parse(image)
	if err != nil {
		repo, _, _ := imageref.Split(image)
		return repo
	}
	return r.Path()
}

// tagOf is the image's tag, "latest" when it has none.
func tagOf(image string) string {
	if _, tag, _ := imageref.Split(image); tag != "" {
		return tag
	}
	return "latest"
}

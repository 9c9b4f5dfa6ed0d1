package catalog

import (
	"embed"
	"io/fs"
)

// demoFS holds the demo catalog (published-catalog v3 shape, fictional
// entries covering every tier and pin state, one entry carrying hostile
// text) and the demo publishers list.
//
//go:embed demo/catalog.yaml demo/publishers.yaml
var demoFS embed.FS

func loadDemo(cfg *config) (*Catalog, error) { return loadDemoFrom(demoFS, cfg) }

// loadDemoFrom loads demo/catalog.yaml from fsys (demoFS, or a test's).
func loadDemoFrom(fsys fs.FS, cfg *config) (*Catalog, error) {
	data, err := fs.ReadFile(fsys, "demo/catalog.yaml")
	if err != nil {
		return nil, &InputError{Path: DemoSpec, Err: err}
	}
	c, err := parseCatalogData(data, "demo/catalog.yaml")
	if err != nil {
		return nil, err
	}
	c.Source, c.Kind, c.FetchedAt = DemoSpec, KindDemo, cfg.now()
	pubs := cfg.publishers
	if pubs == nil {
		pubs = DemoPublishers()
	}
	c.finish(pubs, false)
	return c, nil
}

// DemoPublishers returns the known-publishers list that goes with the demo
// catalog. Load uses it for DemoSpec unless WithPublishers is given.
func DemoPublishers() *Publishers {
	data, err := demoFS.ReadFile("demo/publishers.yaml")
	if err != nil {
		return nil
	}
	p, err := ParsePublishers(data, "demo/publishers.yaml")
	if err != nil {
		return nil // the embedded file is tested; nil lists no one
	}
	p.Origin = DemoSpec
	return p
}

package catalog

import (
	"errors"
	"strings"

	"gopkg.in/yaml.v3"
)

// parseCatalogData parses a catalog document of any accepted shape: a
// published catalog (registry: map), a catalog artifact (servers: list) or
// a single server.yaml. The result is not yet classified (see finish).
func parseCatalogData(data []byte, file string) (*Catalog, error) {
	if l, ok := cutPublished(data); ok {
		c, err := parseCut(data, l, file)
		if !errors.Is(err, errFallback) {
			return c, err
		}
	}
	root, err := decodeOne(data, file, 0)
	if err != nil {
		return nil, err
	}
	switch {
	case mapGet(root, "registry") != nil:
		return publishedFromRoot(root, file)
	case mapGet(root, "servers") != nil:
		return artifactFromRoot(root, file)
	case mapGet(root, "name") != nil:
		return singleServer(root, file, len(data))
	}
	return nil, parseErrorf(file, root.Line, "", "not a catalog: want a published catalog (registry:), a catalog artifact (servers:) or a server.yaml (name:)")
}

func singleServer(root *yaml.Node, file string, size int) (*Catalog, error) {
	if size > maxServerFile {
		return nil, tooLarge(file, maxServerFile)
	}
	s, err := serverFromNode(root, file)
	if err != nil {
		return nil, err
	}
	return &Catalog{Name: s.Name, Servers: []*Server{s}}, nil
}

// publishedFromRoot converts a whole published catalog document.
func publishedFromRoot(root *yaml.Node, file string) (*Catalog, error) {
	c := &Catalog{}
	d := &decoder{file: file}
	if err := d.header(c, root); err != nil {
		return nil, err
	}
	reg := mapGet(root, "registry")
	if isNull(reg) {
		return c, nil
	}
	if reg.Kind != yaml.MappingNode {
		return nil, d.errAt(reg, "registry", "want a mapping of server name to entry, got %s", kindName(reg))
	}
	c.Servers = make([]*Server, 0, len(reg.Content)/2)
	for i := 0; i+1 < len(reg.Content); i += 2 {
		k := reg.Content[i]
		s, err := entryFromNode(k.Value, k.Line, reg.Content[i+1], file)
		if err != nil {
			return nil, err
		}
		c.Servers = append(c.Servers, s)
	}
	return c, nil
}

// header reads the catalog's name and displayName; other top-level keys
// are ignored.
func (d *decoder) header(c *Catalog, root *yaml.Node) error {
	return d.each(root, "", func(k string, v *yaml.Node) error {
		switch k {
		case "name":
			return d.setStr(&c.Name, v, k)
		case "displayName":
			return d.setStr(&c.DisplayName, v, k)
		}
		return nil
	})
}

// artifactFromRoot converts the OCI catalog artifact {title, servers:[...]}.
// An item is either {snapshot: {server: ENTRY}} (the gateway's shape), or
// an ENTRY with its own name, or {type: image, image: REF}.
func artifactFromRoot(root *yaml.Node, file string) (*Catalog, error) {
	c := &Catalog{}
	d := &decoder{file: file}
	if title := mapGet(root, "title"); title != nil {
		if err := d.setStr(&c.DisplayName, title, "title"); err != nil {
			return nil, err
		}
	}
	err := d.eachItem(mapGet(root, "servers"), "servers", func(item *yaml.Node) error {
		s, err := artifactServer(d, item)
		if s != nil {
			c.Servers = append(c.Servers, s)
		}
		return err
	})
	return c, err
}

func artifactServer(d *decoder, item *yaml.Node) (*Server, error) {
	entry := item
	if snap := mapGet(mapGet(item, "snapshot"), "server"); snap != nil {
		entry = snap
	}
	var name string
	if err := d.setStr(&name, mapGet(entry, "name"), "name"); err != nil {
		return nil, err
	}
	if name != "" {
		return entryFromNode(name, entry.Line, entry, d.file)
	}
	var image string
	if err := d.setStr(&image, mapGet(item, "image"), "image"); err != nil || image == "" {
		return nil, d.errAt(item, "servers", "item has neither a snapshot, a name nor an image")
	}
	ref, err := parseImageRef(image)
	if err != nil {
		return nil, d.errAt(item, "image", "%v", err)
	}
	base := ref.path[strings.LastIndexByte(ref.path, '/')+1:]
	return &Server{Name: base, Type: TypeServer, Image: image, Origin: Origin{File: d.file, Line: item.Line}}, nil
}

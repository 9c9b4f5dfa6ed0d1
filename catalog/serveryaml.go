package catalog

import (
	"sort"

	"gopkg.in/yaml.v3"
)

// maxServerFile caps one server.yaml (and a publishers file).
const maxServerFile = 1 << 20

// ParseServer parses one server.yaml document. file names it in errors and
// in the entry's Origin. Unknown keys are kept in UnknownKeys, not fatal.
// The computed fields (tier, pin...) are filled with no publishers list.
func ParseServer(data []byte, file string) (*Server, error) {
	if len(data) > maxServerFile {
		return nil, &InputError{Path: file, Err: ErrTooLarge}
	}
	root, err := decodeOne(data, file, 0)
	if err != nil {
		return nil, err
	}
	s, err := serverFromNode(root, file)
	if err != nil {
		return nil, err
	}
	s.classify(nil, false)
	s.normalise()
	return s, nil
}

// serverFromNode converts a checked server.yaml root node.
func serverFromNode(root *yaml.Node, file string) (*Server, error) {
	d := &decoder{file: file}
	if root.Kind != yaml.MappingNode {
		return nil, d.errAt(root, "", "server.yaml must be a mapping, got %s", kindName(root))
	}
	s := &Server{Origin: Origin{File: file, Line: root.Line}}
	if err := d.each(root, "", func(k string, v *yaml.Node) error { return d.serverKey(s, k, v) }); err != nil {
		return nil, err
	}
	if s.Name == "" {
		return nil, d.errAt(root, "name", "missing")
	}
	if err := d.checkType(s, root); err != nil {
		return nil, err
	}
	sort.Strings(d.unknown)
	s.UnknownKeys = d.unknown
	return s, nil
}

func (d *decoder) serverKey(s *Server, key string, v *yaml.Node) error {
	switch key {
	case "name":
		return d.setStr(&s.Name, v, key)
	case "image":
		return d.setStr(&s.Image, v, key)
	case "type":
		return d.setStr((*string)(&s.Type), v, key)
	case "meta":
		return d.meta(s, v, key)
	case "about":
		return d.about(s, v, key)
	case "source":
		return d.source(&s.Source, v, key)
	case "remote":
		return d.remote(s, v, key)
	case "run":
		return d.run(s, v, key)
	case "config":
		return d.config(s, v, key)
	case "oauth":
		return d.oauth(s, v, key)
	case "tools", "requirement", "dynamic", "longLived":
		return nil // known, not part of the model
	}
	d.unknownKey("", key)
	return nil
}

func (d *decoder) meta(s *Server, n *yaml.Node, path string) error {
	return d.each(n, path, func(k string, v *yaml.Node) error {
		switch k {
		case "category":
			return d.setStr(&s.Category, v, join(path, k))
		case "tags":
			return d.setStrList(&s.Tags, v, join(path, k))
		}
		d.unknownKey(path, k)
		return nil
	})
}

func (d *decoder) about(s *Server, n *yaml.Node, path string) error {
	return d.each(n, path, func(k string, v *yaml.Node) error {
		switch k {
		case "title":
			return d.setStr(&s.Title, v, join(path, k))
		case "description":
			return d.setStr(&s.Description, v, join(path, k))
		case "icon":
			return d.setStr(&s.Icon, v, join(path, k))
		}
		d.unknownKey(path, k)
		return nil
	})
}

func (d *decoder) run(s *Server, n *yaml.Node, path string) error {
	return d.each(n, path, func(k string, v *yaml.Node) error {
		if ok, err := d.runKey(&s.Run, k, v, path); ok || err != nil {
			return err
		}
		if k != "env" {
			d.unknownKey(path, k)
		}
		return nil
	})
}

func (d *decoder) config(s *Server, n *yaml.Node, path string) error {
	return d.each(n, path, func(k string, v *yaml.Node) error {
		switch k {
		case "secrets":
			return d.secrets(s, v, join(path, k))
		case "description", "env", "parameters", "anyOf":
			return nil
		}
		d.unknownKey(path, k)
		return nil
	})
}

package catalog

import (
	"sort"

	"gopkg.in/yaml.v3"
)

// entryFromNode converts one published-catalog entry. name is the registry
// key (or the artifact entry's name) and line the key's line.
func entryFromNode(name string, line int, n *yaml.Node, file string) (*Server, error) {
	d := &decoder{file: file}
	if n.Kind != yaml.MappingNode {
		return nil, d.errAt(n, name, "entry must be a mapping, got %s", kindName(n))
	}
	s := &Server{Name: name, Origin: Origin{File: file, Line: line}}
	var inner string
	err := d.each(n, "", func(k string, v *yaml.Node) error {
		if k == "name" {
			return d.setStr(&inner, v, k)
		}
		return d.entryKey(s, k, v)
	})
	if err != nil {
		return nil, err
	}
	if inner != "" && inner != name {
		return nil, d.errAt(n, "name", "entry name %q does not match its key %q", inner, name)
	}
	if err := d.checkType(s, n); err != nil {
		return nil, err
	}
	sort.Strings(d.unknown)
	s.UnknownKeys = d.unknown
	return s, nil
}

func (d *decoder) entryKey(s *Server, k string, v *yaml.Node) error {
	if p := s.entryString(k); p != nil {
		return d.setStr(p, v, k)
	}
	if ok, err := d.runKey(&s.Run, k, v, ""); ok || err != nil {
		return err
	}
	switch k {
	case "type":
		return d.setStr((*string)(&s.Type), v, k)
	case "tags":
		return d.addTags(s, v, k)
	case "source":
		return d.entrySource(s, v)
	case "remote":
		return d.remote(s, v, k)
	case "metadata":
		return d.metadata(s, v, k)
	case "secrets":
		return d.secrets(s, v, k)
	case "oauth":
		return d.oauth(s, v, k)
	case "env", "tools", "config", "prompts", "resources", "prefix", "longLived",
		"extraHosts", "policy", "ref", "sseEndpoint":
		return nil // known, not part of the model
	}
	d.unknownKey("", k)
	return nil
}

// entryString maps the entry's plain string keys to their fields.
func (s *Server) entryString(k string) *string {
	switch k {
	case "image":
		return &s.Image
	case "title":
		return &s.Title
	case "description":
		return &s.Description
	case "icon":
		return &s.Icon
	case "readme":
		return &s.Readme
	case "toolsUrl":
		return &s.ToolsURL
	case "dateAdded":
		return &s.DateAdded
	case "upstream":
		return &s.Source.Upstream
	case "category":
		return &s.Category
	}
	return nil
}

// entrySource reads source as the published tree URL, or as a server.yaml
// style mapping.
func (d *decoder) entrySource(s *Server, v *yaml.Node) error {
	if v.Kind == yaml.MappingNode {
		return d.source(&s.Source, v, "source")
	}
	raw, err := d.str(v, "source")
	if err != nil || raw == "" {
		return err
	}
	up := s.Source.Upstream
	s.Source = splitTreeURL(raw)
	s.Source.Upstream = up
	return nil
}

func (d *decoder) metadata(s *Server, n *yaml.Node, path string) error {
	m := &s.Metadata
	return d.each(n, path, func(k string, v *yaml.Node) error {
		f := join(path, k)
		switch k {
		case "owner":
			return d.setStr(&m.Owner, v, f)
		case "license":
			return d.setStr(&m.License, v, f)
		case "pulls":
			return d.setInt(&m.Pulls, v, f)
		case "stars":
			return d.setInt(&m.Stars, v, f)
		case "githubStars":
			return d.setInt(&m.GitHubStars, v, f)
		case "category":
			return d.setStr(&s.Category, v, f)
		case "tags":
			return d.addTags(s, v, f)
		case "registryUrl":
			return nil
		}
		d.unknownKey(path, k)
		return nil
	})
}

// addTags appends, so tags given both at the top and under metadata merge.
func (d *decoder) addTags(s *Server, v *yaml.Node, field string) error {
	tags, err := d.strList(v, field)
	s.Tags = append(s.Tags, tags...)
	return err
}

// mapGet returns the value of key in a mapping node, or nil.
func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

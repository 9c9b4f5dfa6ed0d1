package catalog

import (
	"gopkg.in/yaml.v3"
)

// Decoders for the blocks that server.yaml and published entries share.

func (d *decoder) source(dst *Source, n *yaml.Node, path string) error {
	return d.each(n, path, func(k string, v *yaml.Node) error {
		f := join(path, k)
		switch k {
		case "project":
			return d.setStr(&dst.Project, v, f)
		case "upstream":
			return d.setStr(&dst.Upstream, v, f)
		case "branch":
			return d.setStr(&dst.Branch, v, f)
		case "commit":
			return d.setStr(&dst.Commit, v, f)
		case "directory":
			return d.setStr(&dst.Directory, v, f)
		case "dockerfile":
			return d.setStr(&dst.Dockerfile, v, f)
		case "buildTarget":
			return d.setStr(&dst.BuildTarget, v, f)
		}
		d.unknownKey(path, k)
		return nil
	})
}

func (d *decoder) remote(s *Server, n *yaml.Node, path string) error {
	if isNull(n) {
		return nil
	}
	r := &Remote{}
	s.Remote = r
	return d.each(n, path, func(k string, v *yaml.Node) error {
		f := join(path, k)
		switch k {
		case "transport_type":
			return d.setStr(&r.TransportType, v, f)
		case "url":
			return d.setStr(&r.URL, v, f)
		case "headers":
			return d.setStrMap(&r.Headers, v, f)
		}
		d.unknownKey(path, k)
		return nil
	})
}

// runKey decodes one run setting; path is "run" in server.yaml and "" in a
// published entry, where these settings sit at the entry's top level. It
// reports whether the key was a run setting.
func (d *decoder) runKey(r *Run, k string, v *yaml.Node, path string) (bool, error) {
	f := join(path, k)
	switch k {
	case "command":
		return true, d.setStrList(&r.Command, v, f)
	case "volumes":
		return true, d.setStrList(&r.Volumes, v, f)
	case "user":
		return true, d.setStr(&r.User, v, f)
	case "allowHosts":
		return true, d.setStrList(&r.AllowHosts, v, f)
	case "disableNetwork":
		return true, d.setBool(&r.DisableNetwork, v, f)
	}
	return false, nil
}

// secrets decodes a list of {name, env, ...} items into their names.
func (d *decoder) secrets(s *Server, n *yaml.Node, path string) error {
	return d.eachItem(n, path, func(item *yaml.Node) error {
		var name string
		err := d.each(item, path, func(k string, v *yaml.Node) error {
			if k == "name" {
				return d.setStr(&name, v, path+".name")
			}
			return nil
		})
		if err == nil && name == "" {
			err = d.errAt(item, path, "secret without a name")
		}
		s.Secrets = append(s.Secrets, name)
		return err
	})
}

// oauth accepts the server.yaml form (a list of providers) and the published
// form ({providers: [...], scopes: [...]}).
func (d *decoder) oauth(s *Server, n *yaml.Node, path string) error {
	if n.Kind == yaml.MappingNode {
		return d.each(n, path, func(k string, v *yaml.Node) error {
			if k == "providers" {
				return d.oauth(s, v, join(path, k))
			}
			return nil
		})
	}
	return d.eachItem(n, path, func(item *yaml.Node) error {
		var p OAuthProvider
		err := d.each(item, path, func(k string, v *yaml.Node) error {
			switch k {
			case "provider":
				return d.setStr(&p.Provider, v, path+".provider")
			case "secret":
				return d.setStr(&p.Secret, v, path+".secret")
			case "env":
				return d.setStr(&p.Env, v, path+".env")
			}
			return nil
		})
		s.OAuth = append(s.OAuth, p)
		return err
	})
}

// checkType infers a missing type and refuses unknown ones: the tier
// depends on it, so it is never guessed past "has a remote URL or not".
func (d *decoder) checkType(s *Server, n *yaml.Node) error {
	switch s.Type {
	case TypeServer, TypeRemote, TypePOCI:
		return nil
	case "":
		s.Type = TypeServer
		if s.Remote != nil && s.Remote.URL != "" && s.Image == "" {
			s.Type = TypeRemote
		}
		return nil
	}
	return d.errAt(n, "type", "unknown type %q: want server, remote or poci", string(s.Type))
}

package catalog

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Publishers is a known-publishers list: server names and GitHub owners
// whose publisher images and remotes are shown as known-publisher. A nil
// *Publishers lists no one. Matching is case-insensitive.
type Publishers struct {
	servers map[string]bool
	owners  map[string]bool

	// Where the list came from, for the catalog output: Origin is "built-in",
	// a path or a URL; Source and Date are the list's own `source:` and
	// `date:` keys (untrusted text for a user's list: sanitise to print).
	Origin, Source, Date string
	// FetchedAt, FromCache, Stale and StaleReason as for a URL catalog.
	FetchedAt   time.Time
	FromCache   bool
	Stale       bool
	StaleReason string
}

// NewPublishers builds a list from server names and GitHub owners.
func NewPublishers(servers, owners []string) *Publishers {
	p := &Publishers{servers: map[string]bool{}, owners: map[string]bool{}}
	for _, s := range servers {
		p.servers[strings.ToLower(s)] = true
	}
	for _, o := range owners {
		p.owners[strings.ToLower(o)] = true
	}
	return p
}

// LoadPublishers reads a publishers file: YAML holding either a list of
// server names, or a mapping with `servers:` and/or `owners:` lists (the
// registry's historical auto-merge allowlist has this shape), plus optional
// `source:` and `date:` strings saying where the list comes from. Other
// keys are ignored. The same safety rules as catalogs apply.
func LoadPublishers(path string) (*Publishers, error) {
	data, err := readFileCapped(path, maxServerFile, false) // the user named it
	if err != nil {
		return nil, err
	}
	p, err := ParsePublishers(data, path)
	if err == nil {
		p.Origin = path
	}
	return p, err
}

// ParsePublishers parses publishers YAML; file names the source in errors.
func ParsePublishers(data []byte, file string) (*Publishers, error) {
	root, err := decodeOne(data, file, 0)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file}
	var servers, owners []string
	var source, date string
	switch root.Kind {
	case yaml.SequenceNode:
		servers, err = d.strList(root, "servers")
	case yaml.MappingNode:
		err = d.each(root, "", func(key string, v *yaml.Node) error {
			switch key {
			case "servers":
				return d.setStrList(&servers, v, key)
			case "owners":
				return d.setStrList(&owners, v, key)
			case "source":
				return d.setStr(&source, v, key)
			case "date":
				return d.setStr(&date, v, key)
			}
			return nil
		})
	default:
		err = parseErrorf(file, root.Line, "", "publishers must be a list or a mapping with servers/owners")
	}
	if err != nil {
		return nil, err
	}
	p := NewPublishers(servers, owners)
	p.Origin, p.Source, p.Date = file, source, date
	return p, nil
}

// Servers returns the listed server names, sorted.
func (p *Publishers) Servers() []string {
	return p.sorted(func(p *Publishers) map[string]bool { return p.servers })
}

// Owners returns the listed GitHub owners, sorted.
func (p *Publishers) Owners() []string {
	return p.sorted(func(p *Publishers) map[string]bool { return p.owners })
}

func (p *Publishers) sorted(pick func(*Publishers) map[string]bool) []string {
	out := []string{}
	if p == nil {
		return out
	}
	for k := range pick(p) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// match returns why an entry is listed, or "" when it is not. owner must be
// the owner taken from a canonical source.project (so it is safe to quote).
func (p *Publishers) match(name, owner string) string {
	if p == nil {
		return ""
	}
	if name != "" && p.servers[strings.ToLower(name)] {
		return "its server name is on the known-publishers list"
	}
	if owner != "" && p.owners[strings.ToLower(owner)] {
		return fmt.Sprintf("its GitHub owner %s is on the known-publishers list", owner)
	}
	return ""
}

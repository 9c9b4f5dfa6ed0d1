package catalog

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind says what sort of source a catalog was loaded from.
type Kind string

// The source kinds.
const (
	KindDir  Kind = "dir"  // a registry checkout, its servers/ dir, or one server dir
	KindFile Kind = "file" // a published catalog YAML or a single server.yaml
	KindURL  Kind = "url"  // a published catalog over https (cached)
	KindDemo Kind = "demo" // the demo catalog built into the binary
	KindOCI  Kind = "oci"  // a catalog OCI artifact
)

// Catalog is a loaded catalog. Servers are sorted by name; Lookup uses an
// index built once at load time, so a Catalog is safe for concurrent reads.
type Catalog struct {
	Source      string    `json:"source"` // what was asked: "demo", a path, a URL, oci://REF
	Kind        Kind      `json:"kind"`
	Name        string    `json:"name"`
	DisplayName string    `json:"display_name"`
	Servers     []*Server `json:"servers"`
	FetchedAt   time.Time `json:"fetched_at"` // when the data was fetched or read
	FromCache   bool      `json:"from_cache"`
	// Stale: a refresh failed and the cached copy (fetched at FetchedAt) is
	// used instead; StaleReason says why the refresh failed.
	Stale       bool      `json:"stale"`
	StaleReason string    `json:"stale_reason"`
	Problems    []Problem `json:"problems"` // per-file problems; the other entries still loaded
	// KnownPublishers is the list the entries were classified with (nil:
	// none), for saying where it came from.
	KnownPublishers *Publishers `json:"-"`

	index   map[string]*Server
	refused map[string]Problem // names refused by finish (see names.go)
}

// Lookup finds a server by its exact name.
func (c *Catalog) Lookup(name string) (*Server, bool) {
	if c.index != nil {
		s, ok := c.index[name]
		return s, ok
	}
	for _, s := range c.Servers {
		if s.Name == name {
			return s, true
		}
	}
	return nil, false
}

// Counts returns the number of servers in each tier; every tier is present.
func (c *Catalog) Counts() map[Tier]int {
	out := make(map[Tier]int, len(Tiers()))
	for _, t := range Tiers() {
		out[t] = 0
	}
	for _, s := range c.Servers {
		out[s.Tier]++
	}
	return out
}

// finish refuses unusable and duplicated names (see names.go), classifies
// every server, sorts, and builds the index.
func (c *Catalog) finish(pubs *Publishers, community bool) {
	c.KnownPublishers = pubs
	less := func(a, b *Server) int {
		if a.Name != b.Name {
			return strings.Compare(a.Name, b.Name)
		}
		return strings.Compare(a.Origin.File, b.Origin.File)
	}
	if !slices.IsSortedFunc(c.Servers, less) { // published catalogs usually are
		slices.SortStableFunc(c.Servers, less)
	}
	c.Servers = c.refuseNames(c.Servers)
	parallel(len(c.Servers), func(i int) bool {
		c.Servers[i].classify(pubs, community)
		c.Servers[i].normalise()
		return true
	})
	c.index = make(map[string]*Server, len(c.Servers))
	for _, s := range c.Servers {
		c.index[s.Name] = s
	}
	if c.Problems == nil {
		c.Problems = []Problem{}
	}
}

// Severity grades a Problem.
type Severity string

// The severities. Errors fail lint; warnings and notices do not.
const (
	SeverityError   Severity = "error"   // a rule break; lint fails
	SeverityWarning Severity = "warning" // worth a look; lint still passes
	SeverityNotice  Severity = "notice"  // a rule break the registry grandfathers (see Problem.Exception)
)

// RuleOrigin says whose rule a lint Problem is about.
type RuleOrigin string

// The origins of lint rules.
const (
	// OriginRegistry: a rule of the registry's own validator
	// (docker/mcp-registry cmd/validate); its CI fails on it.
	OriginRegistry RuleOrigin = "registry"
	// OriginMCPTrust: a stricter rule of ours; a warning unless lint is strict.
	OriginMCPTrust RuleOrigin = "mcptrust"
)

// Problem is one finding about one file: a load failure in a checkout
// (the other files still load) or a lint finding. Origin and Exception are
// set by Lint only.
type Problem struct {
	File      string     `json:"file"`
	Line      int        `json:"line"` // 1-based; 0 when unknown
	Field     string     `json:"field"`
	Rule      string     `json:"rule"`
	Origin    RuleOrigin `json:"origin,omitempty"`
	Severity  Severity   `json:"severity"`
	Exception string     `json:"exception,omitempty"` // the registry exception that makes a break a notice
	Message   string     `json:"message"`
}

// String reads "file:line: field: message", leaving out empty parts.
func (p Problem) String() string { return located(p.File, p.Line, p.Field, p.Message) }

// located writes "file:line: field: message" on one terminal-safe line,
// leaving out a zero line and an empty field. Problem.String and
// ParseError.Error share it.
func located(file string, line int, field, msg string) string {
	var b strings.Builder
	b.WriteString(file)
	if line > 0 {
		b.WriteString(":" + strconv.Itoa(line))
	}
	b.WriteString(": ")
	if field != "" {
		b.WriteString(field + ": ")
	}
	b.WriteString(msg)
	return safeLine(b.String())
}

// problemFrom turns a load error for one file into a Problem.
func problemFrom(file string, err error) Problem {
	p := Problem{File: file, Rule: "read", Severity: SeverityError, Message: err.Error()}
	var pe *ParseError
	var ie *InputError
	switch {
	case errors.As(err, &pe):
		p.Rule, p.Line, p.Field, p.Message = "parse", pe.Line, pe.Field, errText(pe.Err)
	case errors.As(err, &ie):
		p.Message = errText(ie.Err)
	}
	return p
}

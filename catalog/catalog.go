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

	index map[string]*Server
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

// finish classifies every server, drops later duplicates of a name (with a
// Problem), sorts, and builds the index.
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
	parallel(len(c.Servers), func(i int) bool {
		c.Servers[i].classify(pubs, community)
		c.Servers[i].normalise()
		return true
	})
	c.index = make(map[string]*Server, len(c.Servers))
	kept := c.Servers[:0]
	for _, s := range c.Servers {
		if first, dup := c.index[s.Name]; dup {
			c.Problems = append(c.Problems, duplicateProblem(s, first))
			continue
		}
		c.index[s.Name] = s
		kept = append(kept, s)
	}
	c.Servers = kept
	if c.Problems == nil {
		c.Problems = []Problem{}
	}
}

func duplicateProblem(s, first *Server) Problem {
	return Problem{
		File: s.Origin.File, Line: s.Origin.Line, Field: "name", Rule: "duplicate-name",
		Severity: SeverityError,
		Message:  "server name " + strconv.Quote(s.Name) + " already defined at " + first.Origin.File + ":" + strconv.Itoa(first.Origin.Line) + "; entry skipped",
	}
}

// Severity grades a Problem.
type Severity string

// The severities. Errors fail lint; warnings do not.
const (
	SeverityError   Severity = "error"   // a rule break; lint fails
	SeverityWarning Severity = "warning" // worth a look; lint still passes
)

// Problem is one finding about one file: a load failure in a checkout
// (the other files still load) or a lint finding.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"` // 1-based; 0 when unknown
	Field    string   `json:"field"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String reads "file:line: field: message", leaving out empty parts.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
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

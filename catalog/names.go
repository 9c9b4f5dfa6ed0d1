package catalog

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// Server names are keys: `verify alpha` must reach the one entry that is
// alpha, never an impostor (THREATS A11). finish therefore refuses, with a
// Problem naming the file and line of each entry, a name that holds a
// character a terminal would obey or hide, and every entry of a name that
// is defined more than once (no entry wins: the loader cannot tell which is
// the real one).

// nameFault says why name cannot be a server name, or "" when it can.
func nameFault(name string) string {
	switch {
	case name == "":
		return "is empty"
	case !utf8.ValidString(name):
		return "is not valid UTF-8"
	case strings.ContainsFunc(name, sanitize.Unsafe):
		return "holds a control, invisible or bidirectional character"
	}
	return ""
}

// refuseNames drops the entries whose name is unusable or defined more than
// once, records a Problem for each, and returns the entries kept (in
// order). servers must be sorted by name, so the entries of one name are
// adjacent.
func (c *Catalog) refuseNames(servers []*Server) []*Server {
	kept := servers[:0]
	for i := 0; i < len(servers); {
		j := i + 1
		for j < len(servers) && servers[j].Name == servers[i].Name {
			j++
		}
		same := servers[i:j:j]
		for _, s := range same {
			if p, bad := nameProblem(s, same); bad {
				c.refuse(s.Name, p)
			} else {
				kept = append(kept, s)
			}
		}
		i = j
	}
	return kept
}

// refuse records p and remembers the first refusal of name for Refused.
func (c *Catalog) refuse(name string, p Problem) {
	c.Problems = append(c.Problems, p)
	if c.refused == nil {
		c.refused = map[string]Problem{}
	}
	if _, seen := c.refused[name]; !seen {
		c.refused[name] = p
	}
}

func nameProblem(s *Server, same []*Server) (Problem, bool) {
	p := Problem{File: s.Origin.File, Line: s.Origin.Line, Field: "name", Severity: SeverityError}
	if fault := nameFault(s.Name); fault != "" {
		p.Rule, p.Message = "bad-name", "server name "+strconv.Quote(s.Name)+" "+fault+"; entry skipped"
		return p, true
	}
	if len(same) < 2 {
		return p, false
	}
	var others []string
	for _, o := range same {
		if o != s {
			others = append(others, o.Origin.File+":"+strconv.Itoa(o.Origin.Line))
		}
	}
	p.Rule = "duplicate-name"
	p.Message = "server name " + strconv.Quote(s.Name) + " also defined at " + strings.Join(others, ", ") +
		"; every entry with this name is skipped"
	return p, true
}

// Refused reports whether an entry named name was in the source but refused
// by the loader (an unusable or duplicated name, or a checkout folder that
// claims another name), and the first Problem that says why, so a command
// asked for a name it cannot find can say more than "not found".
func (c *Catalog) Refused(name string) (Problem, bool) {
	p, ok := c.refused[name]
	return p, ok
}

package commands

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/verify"
)

// Lock server statuses, from the --format json contract.
const (
	lockNew         = "new"          // verified, not in the lock file
	lockChanged     = "changed"      // verified, locked, and different
	lockUnchanged   = "unchanged"    // verified and as locked
	lockNotVerified = "not-verified" // did not verify now
)

// lockView is lock's --format json document.
type lockView struct {
	LockFile string           `json:"lock_file"`
	Mode     string           `json:"mode"` // lock, check or update
	Written  bool             `json:"written"`
	Servers  []lockServerView `json:"servers"`
	Summary  map[string]int   `json:"summary"`
}

// lockServerView is one server of lockView, and what a --format template
// runs on (one line per server).
type lockServerView struct {
	Name    string           `json:"name"`
	Status  string           `json:"status"`
	Verdict verify.Verdict   `json:"verdict"`
	Changes []lockChangeView `json:"changes,omitempty"`
	Locked  *lock.Entry      `json:"locked,omitempty"`
	Current *lock.Entry      `json:"current,omitempty"`
}

// lockChangeView is one changed field of a locked server.
type lockChangeView struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// lockServers lists every compared server, by name, with its entry in the
// lock file as it was before this run wrote anything.
func lockServers(lf *lock.File, c *lockComparison) []lockServerView {
	var out []lockServerView
	for name, cur := range c.current {
		s := lockServerView{Name: name, Status: lockUnchanged, Verdict: verify.VerdictVerified, Current: &cur}
		if old, ok := lf.Servers[name]; ok {
			s.Locked = &old
		}
		switch {
		case s.Locked == nil:
			s.Status = lockNew
		case len(c.changed[name]) > 0:
			s.Status = lockChanged
			for _, ch := range c.changed[name] {
				s.Changes = append(s.Changes, lockChangeView{Field: ch.Field, Old: ch.Old, New: ch.New})
			}
		}
		out = append(out, s)
	}
	for _, r := range c.unverified {
		s := lockServerView{Name: r.Target.Name, Status: lockNotVerified, Verdict: r.Verdict}
		if old, ok := lf.Servers[r.Target.Name]; ok {
			s.Locked = &old
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b lockServerView) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// lockOutput is what one lock run prints: the servers as compared (taken
// before anything was written), whether the file was written, and the
// table's closing line.
type lockOutput struct {
	mode    string
	servers []lockServerView
	written bool
	line    string // table only; "" for none
}

// print writes the result in the chosen format: the table (the diff, then
// the closing line), the JSON document, or the template once per server.
func (o *LockOptions) print(cmp *lockComparison, out lockOutput) error {
	switch {
	case o.Format.IsJSON():
		sum := map[string]int{}
		for _, s := range out.servers {
			sum[s.Status]++
		}
		return writeJSON(o.IO.Out, lockView{LockFile: o.Path, Mode: out.mode, Written: out.written, Servers: out.servers, Summary: sum})
	case o.Format.IsTemplate():
		return writeTemplate(o.IO.Out, o.Format, out.servers)
	}
	printComparison(o.IO.Out, o.Path, cmp)
	if out.line != "" {
		fmt.Fprintln(o.IO.Out, out.line)
	}
	return nil
}

package prescan

import (
	"bytes"
	"context"
	"os"
	"path"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// scanRun is one scan: it receives files and lines (from the diff parser or
// the tree walker) and collects findings.
type scanRun struct {
	s        *Scanner
	ctx      context.Context
	mode     Mode
	opts     ScanOptions
	allow    []allowEntry
	res      ScanResult
	cur      *fileScan
	headRoot *os.Root
	headErr  error
}

// fileScan is the state of one file: which rules apply, the tags its lines
// carried, and findings waiting for the file's end to be escalated.
type fileScan struct {
	path    string
	mask    ruleSet
	tags    uint64
	pending []pendingFinding
	counts  []uint16
	omitted ruleSet // rules with findings dropped by the per-file cap
	hosts   map[string]bool
	bytes   int64
	stopped bool
	symlink bool         // the file is a symlink; its one line is the target
	added   map[int]bool // added lines that matched a FirstInFile rule
}

type pendingFinding struct {
	rule  int
	fixed bool // severity decided already (host findings); never escalated
	f     Finding
}

func (s *Scanner) newRun(ctx context.Context, mode Mode, opts ScanOptions) *scanRun {
	return &scanRun{s: s, ctx: ctx, mode: mode, opts: opts, allow: parseAllowHosts(opts.AllowHosts),
		res: ScanResult{Mode: mode, Findings: []Finding{}}}
}

// pathMask is the set of rules that apply to a file (or symlink) in this
// mode.
func (s *Scanner) pathMask(name string, mode Mode, symlink bool) ruleSet {
	var m ruleSet
	base := path.Base(name)
	for i := range s.rules {
		r := &s.rules[i]
		if r.DiffOnly && mode != ModeDifferential {
			continue
		}
		if len(r.paths) > 0 && !matchAnyGlob(r.paths, name, base) {
			continue
		}
		if matchAnyGlob(r.skip, name, base) || !r.qualifies(name, symlink, mode) {
			continue
		}
		m.add(i)
	}
	return m
}

func (r *scanRun) beginFile(name string, symlink bool) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.res.Files++
	f := &fileScan{path: name, mask: r.s.pathMask(name, r.mode, symlink), counts: make([]uint16, len(r.s.rules)), symlink: symlink}
	r.cur = f
	f.mask.andNot(r.s.lineRules).each(func(i int) {
		if r.s.rules[i].Severity != risk.None {
			r.add(f, i, 0, nil, nil, r.baseSeverity(i), r.s.rules[i].Description)
		}
	})
	return nil
}

func (r *scanRun) addedLine(no int, line []byte, _ bool) error {
	f := r.cur
	if f == nil || f.stopped {
		return nil
	}
	f.bytes += int64(len(line)) + 1
	if f.bytes > r.s.maxFileBytes {
		r.limit(f, no, "file exceeds the pre-scan size cap; the rest was not scanned")
		return nil
	}
	if bytes.IndexByte(line, 0) >= 0 {
		f.stopped = true // binary content: nothing more to read as text
		return nil
	}
	if f.symlink {
		line = linkTarget(f.path, line)
	}
	var cand ruleSet
	r.s.ac.scan(line, &cand)
	cand.or(&r.s.always)
	cand.and(f.mask).and(r.s.lineRules).each(func(i int) { r.applyRule(f, i, no, line) })
	return nil
}

// limit reports that a file was not fully scanned and stops scanning it.
func (r *scanRun) limit(f *fileScan, no int, msg string) {
	f.stopped = true
	r.res.Findings = append(r.res.Findings, Finding{Rule: RuleScanLimit, Severity: risk.Medium, File: f.path, Line: no, Message: msg})
}

func (r *scanRun) applyRule(f *fileScan, i, no int, line []byte) {
	c := &r.s.rules[i]
	if len(line) < c.MinLineLen || (c.Severity == risk.None && f.tags&c.tags == c.tags) {
		return // too short, or a signal already given for this file
	}
	if c.MinEntropy > 0 && !hasQuotedRun(line, minEntropyRun) {
		return // no string literal long enough to be a key or token
	}
	if c.Hosts {
		r.hostFindings(f, i, no, line)
		return
	}
	text, loc := c.find(line)
	if loc == nil {
		return
	}
	loc, msg := c.qualify(text, loc)
	if loc == nil {
		return
	}
	f.tags |= c.tags
	if c.FirstInFile {
		if f.added == nil {
			f.added = map[int]bool{}
		}
		f.added[no] = true
	}
	if c.Severity != risk.None {
		r.add(f, i, no, text, loc, r.baseSeverity(i), msg)
	}
}

// find runs the pattern on line. Ignore runs only when the pattern matched,
// blanking the allowed forms, and the pattern runs again on what is left.
func (c *compiledRule) find(line []byte) ([]byte, []int) {
	loc := c.re.FindIndex(line)
	if loc == nil || c.ignore == nil || !c.ignore.Match(line) {
		return line, loc
	}
	text := c.ignore.ReplaceAllFunc(line, func(m []byte) []byte { return bytes.Repeat([]byte{' '}, len(m)) })
	return text, c.re.FindIndex(text)
}

func (r *scanRun) baseSeverity(i int) risk.Level {
	c := &r.s.rules[i]
	if r.mode == ModeFull && c.FullSeverity != risk.None {
		return c.FullSeverity
	}
	return c.Severity
}

// add records a finding, keeping at most perFile for each rule and file.
func (r *scanRun) add(f *fileScan, i, no int, line []byte, loc []int, sev risk.Level, msg string) {
	if int(f.counts[i]) >= r.s.perFile {
		f.omitted.add(i)
		r.res.Omitted++
		return
	}
	f.counts[i]++
	fd := Finding{Rule: r.s.rules[i].ID, Severity: sev, File: f.path, Line: no, Message: msg}
	if line != nil {
		fd.Excerpt = excerpt(line, loc[0])
	}
	f.pending = append(f.pending, pendingFinding{rule: i, fixed: r.s.rules[i].Hosts, f: fd})
}

// excerpt returns up to 160 bytes of line around offset at, cut on UTF-8
// boundaries.
func excerpt(line []byte, at int) string {
	start := max(0, at-40)
	for start > 0 && !utf8.RuneStart(line[start]) {
		start--
	}
	end := min(len(line), start+160)
	for end < len(line) && !utf8.RuneStart(line[end]) {
		end--
	}
	return string(line[start:end])
}

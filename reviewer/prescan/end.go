package prescan

import (
	"bytes"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// endFile escalates the file's findings and moves them to the result.
func (r *scanRun) endFile() error {
	f := r.cur
	if f == nil {
		return nil
	}
	r.cur = nil
	if need := r.neededTags(f) &^ f.tags; need != 0 && r.mode == ModeDifferential && r.opts.HeadDir != "" {
		f.tags |= r.headTags(f.path, need)
	}
	dropped := r.dropUnqualified(f)
	f.omitted = f.omitted.andNot(dropped)
	for _, p := range f.pending {
		if !p.fixed {
			p.f.Severity = r.escalate(p.rule, p.f.Severity, f.tags)
		}
		r.keep(p.f)
	}
	f.omitted.each(func(i int) {
		r.res.Max = max(r.res.Max, r.escalate(i, r.baseSeverity(i), f.tags))
	})
	return nil
}

func (r *scanRun) escalate(i int, sev risk.Level, tags uint64) risk.Level {
	c := &r.s.rules[i]
	e := c.Escalate
	if e == nil || (e.DiffOnly && r.mode != ModeDifferential) || tags&c.escTag == 0 {
		return sev
	}
	return max(sev, e.To)
}

// neededTags are the tags that would escalate the file's findings.
func (r *scanRun) neededTags(f *fileScan) uint64 {
	var need uint64
	for _, p := range f.pending {
		c := &r.s.rules[p.rule]
		if !p.fixed && c.Escalate != nil && (!c.Escalate.DiffOnly || r.mode == ModeDifferential) {
			need |= c.escTag
		}
		need |= c.onlyTag
	}
	return need
}

func (r *scanRun) keep(fd Finding) {
	r.res.Max = max(r.res.Max, fd.Severity)
	if len(r.res.Findings) >= r.s.maxFindings {
		r.res.Omitted++
		return
	}
	r.res.Findings = append(r.res.Findings, fd)
}

// headTags reads the head version of a changed file and returns which of the
// needed tags its lines carry. Unreadable files carry none.
func (r *scanRun) headTags(name string, need uint64) uint64 {
	if !r.openHead() {
		return 0
	}
	data, err := fsafe.ReadRegular(r.headRoot, name, r.s.maxFileBytes, false)
	if err != nil || isBinary(data) {
		return 0
	}
	mask := r.s.pathMask(name, r.mode, false)
	var tags uint64
	for line := range bytes.Lines(data) {
		var cand ruleSet
		r.s.ac.scan(line, &cand)
		cand.or(&r.s.always)
		cand.and(mask).and(r.s.lineRules).each(func(i int) {
			c := &r.s.rules[i]
			if c.tags&need == 0 || tags&c.tags == c.tags {
				return
			}
			text := bytes.TrimRight(line, "\r\n")
			if len(text) < c.MinLineLen {
				return
			}
			if _, loc := c.find(text); loc != nil {
				tags |= c.tags
			}
		})
		if tags&need == need {
			break
		}
	}
	return tags & need
}

// result finishes the run.
func (r *scanRun) result() *ScanResult {
	if r.headRoot != nil {
		_ = r.headRoot.Close()
	}
	for _, fd := range r.res.Findings {
		r.res.Max = max(r.res.Max, fd.Severity)
	}
	sortFindings(r.res.Findings)
	res := r.res
	return &res
}

// isBinary reports whether data looks binary: a NUL byte in its first 8 KiB.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8<<10)], 0) >= 0
}

package prescan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// Mode is how a scan saw the code: the added lines of a diff, or a tree.
type Mode string

// Scan modes, as named in the report's "Review Mode".
const (
	ModeDifferential Mode = "differential"
	ModeFull         Mode = "full"
)

// Finding is one pre-scan signal. File and Excerpt come from the code under
// review: they are raw and must be sanitised before display.
type Finding struct {
	Rule     string     `json:"rule"`
	Severity risk.Level `json:"severity"`
	File     string     `json:"file"`
	Line     int        `json:"line,omitempty"` // 1-based; 0 for a file rule
	Excerpt  string     `json:"excerpt,omitempty"`
	Message  string     `json:"message"`
}

// ScanResult is what a scan found. Max is the highest finding severity,
// risk.None when there are none.
type ScanResult struct {
	Mode     Mode       `json:"mode"`
	Findings []Finding  `json:"findings"`
	Max      risk.Level `json:"max"`
	// Files is the number of files looked at.
	Files int `json:"files"`
	// Omitted counts findings dropped by the per-rule-per-file and total
	// caps; their rules still count towards Max.
	Omitted int `json:"omitted,omitempty"`
}

// ScanOptions are the per-review inputs of a scan.
type ScanOptions struct {
	// AllowHosts is the server's run.allowHosts ("host:port", "*:443",
	// "*.example.com"). When not nil, a URL host outside it is high.
	AllowHosts []string
	// HeadDir, in differential mode, is the checkout of the head commit:
	// escalations (such as a credential read near a network sink) also look
	// at the rest of each changed file there.
	HeadDir string
}

// Scanner runs compiled pre-scan rules. It is immutable and safe for
// concurrent use.
type Scanner struct {
	rules        []compiledRule
	ac           *acMatcher
	always       ruleSet // line rules without needles
	lineRules    ruleSet
	tagIndex     map[string]uint
	maxFileBytes int64
	maxLine      int
	perFile      int
	maxFindings  int
}

type compiledRule struct {
	Rule
	paths, skip []glob
	re, ignore  *regexp.Regexp
	tags        uint64
	escTag      uint64
	ruleExtras
}

// Option configures NewScanner.
type Option func(*Scanner) error

// WithRules replaces DefaultRules.
func WithRules(rules []Rule) Option {
	return func(s *Scanner) error { return s.compile(rules) }
}

// WithMaxFileBytes caps how much of one file is scanned: the file's size in
// full mode, its added bytes in differential mode. Default 1 MiB. Past the
// cap a scan-limit finding (medium) says the file was not fully scanned.
func WithMaxFileBytes(n int64) Option {
	return func(s *Scanner) error { s.maxFileBytes = n; return nil }
}

// WithMaxFindings caps the findings kept (default 2000) and those kept per
// rule and file (default 5).
func WithMaxFindings(total, perRuleAndFile int) Option {
	return func(s *Scanner) error { s.maxFindings, s.perFile = total, perRuleAndFile; return nil }
}

// NewScanner compiles the rules once. It fails on an invalid rule.
func NewScanner(opts ...Option) (*Scanner, error) {
	s := &Scanner{maxFileBytes: 1 << 20, maxLine: 256 << 10, perFile: 5, maxFindings: 2000}
	for _, o := range opts {
		if err := o(s); err != nil {
			return nil, err
		}
	}
	if s.rules == nil {
		if err := s.compile(DefaultRules()); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Rules returns the rules the scanner runs.
func (s *Scanner) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i := range s.rules {
		out[i] = s.rules[i].Rule
	}
	return out
}

func (s *Scanner) compile(rules []Rule) error {
	if len(rules) > maxRules {
		return fmt.Errorf("compiling rules: %d rules, at most %d", len(rules), maxRules)
	}
	s.rules, s.tagIndex = make([]compiledRule, len(rules)), map[string]uint{}
	s.always, s.lineRules = ruleSet{}, ruleSet{}
	needles := map[string]ruleSet{}
	seen := map[string]bool{}
	for i, r := range rules {
		if r.ID == "" || seen[r.ID] {
			return fmt.Errorf("compiling rule %d: missing or duplicate ID %q", i, r.ID)
		}
		seen[r.ID] = true
		c, err := s.compileRule(r)
		if err != nil {
			return fmt.Errorf("compiling rule %s: %w", r.ID, err)
		}
		s.rules[i] = c
		if r.Pattern == "" {
			continue
		}
		s.lineRules.add(i)
		if len(r.Needles) == 0 {
			s.always.add(i)
		}
		for _, n := range r.Needles {
			n = asciiLower(n) // not strings.ToLower: needles may be partial UTF-8
			set := needles[n]
			set.add(i)
			needles[n] = set
		}
	}
	s.ac = buildAC(needles)
	return nil
}

func (s *Scanner) compileRule(r Rule) (compiledRule, error) {
	c := compiledRule{Rule: r, paths: compileGlobs(r.Paths), skip: compileGlobs(r.Skip)}
	var err error
	if r.Pattern != "" {
		if c.re, err = regexp.Compile(r.Pattern); err != nil {
			return c, err
		}
	}
	if r.Ignore != "" {
		if c.ignore, err = regexp.Compile(r.Ignore); err != nil {
			return c, err
		}
	}
	for _, t := range r.Tags {
		c.tags |= s.tagBit(t)
	}
	if r.Escalate != nil {
		c.escTag = s.tagBit(r.Escalate.Tag)
	}
	if err := s.compileExtras(&c); err != nil {
		return c, err
	}
	if len(s.tagIndex) > 64 {
		return c, errors.New("more than 64 distinct tags")
	}
	return c, nil
}

func (s *Scanner) tagBit(tag string) uint64 {
	i, ok := s.tagIndex[tag]
	if !ok {
		i = uint(len(s.tagIndex))
		s.tagIndex[tag] = i
	}
	return 1 << (i & 63)
}

// ScanDiff scans the added lines of a unified git diff (differential mode).
func (s *Scanner) ScanDiff(ctx context.Context, diff io.Reader, opts ScanOptions) (*ScanResult, error) {
	run := s.newRun(ctx, ModeDifferential, opts)
	if err := parseDiff(diff, s.maxLine, run); err != nil {
		return nil, fmt.Errorf("scanning diff: %w", err)
	}
	return run.result(), nil
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = asciiLowerTable[c]
	}
	return string(b)
}

// sortFindings orders findings by severity (highest first), then file, line
// and rule, so reports are stable.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
}

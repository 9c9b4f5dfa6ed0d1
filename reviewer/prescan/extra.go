package prescan

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
)

// ruleExtras is the compiled form of the Rule fields that qualify a match
// beyond its pattern: PathPattern, OnlyWithTag, MinEntropy, NearNames.
type ruleExtras struct {
	pathRE  *regexp.Regexp
	onlyTag uint64
	near    []string // NearNames, normalised
}

func (s *Scanner) compileExtras(c *compiledRule) error {
	r := c.Rule
	var err error
	if r.PathPattern != "" {
		if r.Pattern != "" {
			return errors.New("PathPattern is for file rules (no Pattern)")
		}
		if c.pathRE, err = regexp.Compile(r.PathPattern); err != nil {
			return err
		}
	}
	if r.OnlyWithTag != "" {
		c.onlyTag = s.tagBit(r.OnlyWithTag)
	}
	if (r.MinEntropy > 0 || len(r.NearNames) > 0 || r.Symlinks) && c.re == nil {
		return errors.New("MinEntropy, NearNames and Symlinks need a Pattern")
	}
	if (r.MinEntropy > 0 || len(r.NearNames) > 0) && c.re.NumSubexp() < 1 {
		return errors.New("MinEntropy and NearNames need a capture group")
	}
	for _, n := range r.NearNames {
		c.near = append(c.near, normName(n))
	}
	return nil
}

// qualifies reports whether a file is one the rule applies to, beyond its
// globs: a PathPattern must match; a symlink rule sees only symlinks; a
// symlink is seen by the symlink rules (its target), by path patterns, and
// in differential mode by file rules (its path), as before links were read.
func (c *compiledRule) qualifies(name string, symlink bool, mode Mode) bool {
	switch {
	case c.pathRE != nil && !c.pathRE.MatchString(name):
		return false
	case !symlink:
		return !c.Symlinks
	}
	return c.Symlinks || c.pathRE != nil || (c.Pattern == "" && mode == ModeDifferential)
}

// qualify keeps the first match in text that MinEntropy and NearNames
// accept, and says why a name was flagged. Rules without them keep loc.
func (c *compiledRule) qualify(text []byte, loc []int) ([]int, string) {
	if c.MinEntropy <= 0 && c.near == nil {
		return loc, c.Description
	}
	for _, m := range c.re.FindAllSubmatchIndex(text, 8) {
		if m[2] < 0 {
			continue
		}
		group := text[m[2]:m[3]]
		if c.MinEntropy > 0 && entropy(group) >= c.MinEntropy {
			return m[:2], c.Description
		}
		if near := nearName(c.near, string(group)); near != "" {
			return m[:2], c.Description + ": " + string(group) + " is one edit from " + near
		}
	}
	return nil, ""
}

// minEntropyRun is the shortest quoted run of token characters
// ([A-Za-z0-9+/_=-] between two of " ' `) a line needs before a MinEntropy
// rule's pattern runs on it: a cheap prefilter, since such rules have no
// needles and string literals are what they look at.
const minEntropyRun = 24

var tokenByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("+/_=-", byte(c)) >= 0
	}
	return t
}()

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// hasQuotedRun reports whether line holds a quote, at least n token
// characters and a quote, in a row.
func hasQuotedRun(line []byte, n int) bool {
	run, open := 0, false
	for _, c := range line {
		switch {
		case tokenByte[c]:
			run++
		case isQuote(c):
			if open && run >= n {
				return true
			}
			run, open = 0, true
		default:
			run, open = 0, false
		}
	}
	return false
}

// entropy is the Shannon entropy of b in bits per byte.
func entropy(b []byte) float64 {
	var counts [256]int
	for _, c := range b {
		counts[c]++
	}
	h, n := 0.0, float64(len(b))
	for _, k := range counts {
		if k > 0 {
			p := float64(k) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// normName folds case and treats '-', '_' and '.' alike, as package
// registries do when they compare names.
func normName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '_' || r == '.':
			return '-'
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// nearName returns the popular name that name is one edit away from, or
// "" when it is one of them or near none. Names under 4 bytes are left
// alone: too many real packages are one edit from each other there.
func nearName(popular []string, name string) string {
	n := normName(name)
	if len(n) < 4 {
		return ""
	}
	near := ""
	for _, p := range popular {
		if p == n {
			return ""
		}
		if near == "" && len(p) >= 4 && oneEdit(n, p) {
			near = p
		}
	}
	return near
}

// oneEdit reports whether a and b differ by exactly one insertion,
// deletion, substitution or swap of neighbouring bytes.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) < len(b) {
		return a[i:] == b[i+1:]
	}
	if a[i+1:] == b[i+1:] {
		return true
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// linkTarget resolves a symlink's target against the link's directory, so a
// pattern can tell a link that leaves the repository ("../x", "/etc/x").
func linkTarget(name string, target []byte) []byte {
	t := string(target)
	if strings.HasPrefix(t, "/") || strings.HasPrefix(t, `\`) || (len(t) > 1 && t[1] == ':') {
		return target
	}
	return []byte(path.Clean(path.Join(path.Dir(name), t)))
}

// dropUnqualified removes the pending findings of OnlyWithTag rules whose
// tag the file lacks and of FirstInFile rules whose head file already had
// a match, and returns those rules (their omitted findings go too).
func (r *scanRun) dropUnqualified(f *fileScan) ruleSet {
	var drop ruleSet
	checked := ruleSet{}
	for _, p := range f.pending {
		c := &r.s.rules[p.rule]
		switch {
		case c.onlyTag != 0 && f.tags&c.onlyTag == 0:
			drop.add(p.rule)
		case c.FirstInFile && checked.and(single(p.rule)).empty():
			checked.add(p.rule)
			if r.headHadMatch(f, p.rule) {
				drop.add(p.rule)
			}
		}
	}
	if drop.empty() {
		return drop
	}
	kept := f.pending[:0]
	for _, p := range f.pending {
		if drop.and(single(p.rule)).empty() {
			kept = append(kept, p)
		}
	}
	f.pending = kept
	return drop
}

func single(i int) ruleSet {
	var s ruleSet
	s.add(i)
	return s
}

// headHadMatch reports whether the head version of f matches rule i on a
// line that was not added. Without a head checkout it cannot tell and
// says no, so the finding stays.
func (r *scanRun) headHadMatch(f *fileScan, i int) bool {
	if r.mode != ModeDifferential || r.opts.HeadDir == "" || !r.openHead() {
		return false
	}
	data, err := fsafe.ReadRegular(r.headRoot, f.path, r.s.maxFileBytes, false)
	if err != nil || isBinary(data) {
		return false
	}
	c := &r.s.rules[i]
	no := 0
	for line := range bytes.Lines(data) {
		no++
		if f.added[no] {
			continue
		}
		if _, loc := c.find(bytes.TrimRight(line, "\r\n")); loc != nil {
			return true
		}
	}
	return false
}

// openHead opens ScanOptions.HeadDir once.
func (r *scanRun) openHead() bool {
	if r.headRoot == nil && r.headErr == nil {
		r.headRoot, r.headErr = os.OpenRoot(r.opts.HeadDir)
	}
	return r.headErr == nil
}

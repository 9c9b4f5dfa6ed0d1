package prescan

import (
	"math/bits"
	"path"
	"strings"
)

// ruleSet is a bit set of rule indexes; a Scanner holds at most maxRules.
type ruleSet [4]uint64

const maxRules = 256

func (s *ruleSet) add(i int)     { s[i>>6] |= 1 << (uint(i) & 63) }
func (s *ruleSet) or(o *ruleSet) { s[0] |= o[0]; s[1] |= o[1]; s[2] |= o[2]; s[3] |= o[3] }
func (s ruleSet) and(o ruleSet) ruleSet {
	return ruleSet{s[0] & o[0], s[1] & o[1], s[2] & o[2], s[3] & o[3]}
}
func (s ruleSet) empty() bool { return s[0]|s[1]|s[2]|s[3] == 0 }
func (s ruleSet) andNot(o ruleSet) ruleSet {
	return ruleSet{s[0] &^ o[0], s[1] &^ o[1], s[2] &^ o[2], s[3] &^ o[3]}
}

// each calls fn for every index in the set, in increasing order.
func (s ruleSet) each(fn func(int)) {
	for w, word := range s {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			fn(w*64 + b)
			word &^= 1 << uint(b)
		}
	}
}

// acMatcher is an Aho-Corasick automaton over every rule's needles, compiled
// to a full transition table, so one pass over a line (ASCII-lowercased on
// the fly) yields the set of rules whose prefilter it passes.
type acMatcher struct {
	next   [][256]int32
	out    []ruleSet
	hasOut []bool
}

var asciiLowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

// buildAC compiles needles (already lowercase) to the rules they admit.
func buildAC(needles map[string]ruleSet) *acMatcher {
	m := &acMatcher{next: make([][256]int32, 1), out: make([]ruleSet, 1)}
	for n, rules := range needles {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := asciiLowerTable[n[i]]
			if m.next[s][c] == 0 {
				m.next = append(m.next, [256]int32{})
				m.out = append(m.out, ruleSet{})
				m.next[s][c] = int32(len(m.next) - 1)
			}
			s = m.next[s][c]
		}
		m.out[s].or(&rules)
	}
	m.link()
	m.hasOut = make([]bool, len(m.out))
	for i := range m.out {
		m.hasOut[i] = !m.out[i].empty()
	}
	return m
}

// link turns the trie into a complete automaton (breadth first): missing
// transitions follow the failure link, and outputs inherit the link's.
func (m *acMatcher) link() {
	fail := make([]int32, len(m.next))
	var queue []int32
	for c := range 256 {
		if s := m.next[0][c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		m.out[r].or(&m.out[fail[r]])
		for c := range 256 {
			s := m.next[r][c]
			if s == 0 {
				m.next[r][c] = m.next[fail[r]][c]
				continue
			}
			fail[s] = m.next[fail[r]][c]
			queue = append(queue, s)
		}
	}
}

// scan adds to acc every rule whose needle occurs in line.
func (m *acMatcher) scan(line []byte, acc *ruleSet) {
	s := int32(0)
	for _, b := range line {
		s = m.next[s][asciiLowerTable[b]]
		if m.hasOut[s] {
			acc.or(&m.out[s])
		}
	}
}

// glob is a compiled path pattern. Exact, prefix and suffix patterns
// (".npmrc", "LICENSE*", "*.md") avoid path.Match, which dominates a scan of
// many small files otherwise.
type glob struct {
	pattern string
	kind    globKind
	lit     string
}

type globKind int

const (
	globGeneral globKind = iota
	globExact
	globPrefix
	globSuffix
)

func compileGlobs(patterns []string) []glob {
	out := make([]glob, len(patterns))
	for i, p := range patterns {
		out[i] = glob{pattern: p}
		if strings.Contains(p, "/") || strings.ContainsAny(p, "[?\\") {
			continue
		}
		switch star := strings.Count(p, "*"); {
		case star == 0:
			out[i].kind, out[i].lit = globExact, p
		case star == 1 && strings.HasPrefix(p, "*"):
			out[i].kind, out[i].lit = globSuffix, p[1:]
		case star == 1 && strings.HasSuffix(p, "*"):
			out[i].kind, out[i].lit = globPrefix, p[:len(p)-1]
		}
	}
	return out
}

func (g glob) match(name, base string) bool {
	switch g.kind {
	case globExact:
		return base == g.lit
	case globPrefix:
		return strings.HasPrefix(base, g.lit)
	case globSuffix:
		return strings.HasSuffix(base, g.lit)
	}
	return matchGlob(g.pattern, name)
}

func matchAnyGlob(globs []glob, name, base string) bool {
	for _, g := range globs {
		if g.match(name, base) {
			return true
		}
	}
	return false
}

// matchGlob matches a slash-separated path against a pattern. A pattern
// without '/' matches the base name at any depth; "**/" at the start matches
// any number of leading directories; "/**" at the end matches anything below
// a directory; other patterns are path.Match patterns on the whole path.
func matchGlob(pattern, name string) bool {
	switch {
	case strings.HasPrefix(pattern, "**/"):
		rest := pattern[3:]
		for {
			if matchGlob(rest, name) {
				return true
			}
			i := strings.IndexByte(name, '/')
			if i < 0 {
				return false
			}
			name = name[i+1:]
		}
	case strings.HasSuffix(pattern, "/**"):
		dir := pattern[:len(pattern)-3]
		for i := 0; i < len(name); i++ {
			if name[i] == '/' {
				if ok, _ := path.Match(dir, name[:i]); ok {
					return true
				}
			}
		}
		return false
	case !strings.Contains(pattern, "/"):
		ok, _ := path.Match(pattern, path.Base(name))
		return ok
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

package tui

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

// sortMode is the order of the list.
type sortMode uint8

const (
	sortName sortMode = iota
	sortTrust
	sortRisk
	sortModes
)

func (s sortMode) String() string {
	return [...]string{"name", "trust", "risk"}[s]
}

// Verification-state facet groups.
var stateGroups = [...]string{
	trusttext.NotChecked.Word,
	trusttext.Verdict(verify.VerdictVerified).Word,
	trusttext.Verdict(verify.VerdictFailed).Word,
	trusttext.Verdict(verify.VerdictUndecided).Word,
	trusttext.Verdict(verify.VerdictNotEnforceable).Word,
	trusttext.NoImage.Word,
}

func stateGroup(k verifyKind) int {
	switch k {
	case verifyVerified:
		return 1
	case verifyFailed, verifyBadInput:
		return 2
	case verifyUndecided:
		return 3
	case verifyNotEnforceable:
		return 4
	case verifyNoImage:
		return 5
	}
	return 0
}

// finder holds the find query, the facets, the sort, and what the last
// filtering produced so a longer query only re-checks the rows that matched
// the shorter one.
type finder struct {
	query     string // as typed, sanitised for display
	terms     []string
	build     int // -1: all; else an index into catalog.Builds()
	publisher int // -1: all; else an index into catalog.PublisherLevels()
	category  int // -1: all; else an index into categories
	state     int // -1: all; else an index into stateGroups
	sort      sortMode

	categories []string
	orders     [sortModes][]int32 // row indices in each sort order, built on demand

	matched      []int32     // rows passing facets and query, in sort order
	quality      []uint8     // match quality of each matched row
	matchedQuery string      // the lowercased query matched was built for; "-" when invalid
	parts        []matchPart // per-core buffers of matchAll
	cores        int         // matchAll's split; 0: GOMAXPROCS (a test seam)
}

func newFinder(rows []row) finder {
	seen := map[string]bool{}
	var cats []string
	for i := range rows {
		if c := rows[i].category; c != "" && !seen[c] {
			seen[c] = true
			cats = append(cats, c)
		}
	}
	slices.Sort(cats)
	return finder{build: -1, publisher: -1, category: -1, state: -1, categories: cats, matchedQuery: "-"}
}

// maxQuery bounds the query, in runes.
const maxQuery = 128

// queryText keeps the printable part of typed or pasted text.
func queryText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r != utf8.RuneError && !sanitize.Unsafe(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// setQuery sets the query; the old matches stay usable when it only grew.
func (f *finder) setQuery(q string) {
	if r := []rune(q); len(r) > maxQuery {
		q = string(r[:maxQuery])
	}
	f.query = q
	f.terms = strings.Fields(strings.ToLower(q))
}

// active reports whether any find text or facet narrows the list.
func (f *finder) active() bool {
	return f.query != "" || f.build >= 0 || f.publisher >= 0 || f.category >= 0 || f.state >= 0
}

// invalidate forces the next filter to start from all rows.
func (f *finder) invalidate() { f.matchedQuery = "-" }

// order returns row indices in the current sort order.
func (f *finder) order(rows []row) []int32 {
	if o := f.orders[f.sort]; o != nil {
		return o
	}
	o := make([]int32, len(rows))
	for i := range o {
		o[i] = int32(i)
	}
	switch f.sort {
	case sortName:
		slices.SortStableFunc(o, func(a, b int32) int { return cmp.Compare(rows[a].srv.Name, rows[b].srv.Name) })
	case sortTrust:
		slices.SortStableFunc(o, func(a, b int32) int {
			return cmp.Or(cmp.Compare(rows[a].buildRank, rows[b].buildRank), cmp.Compare(rows[a].pubRank, rows[b].pubRank))
		})
	case sortRisk:
		slices.SortStableFunc(o, func(a, b int32) int { return cmp.Compare(rows[b].review.riskRank(), rows[a].review.riskRank()) })
	}
	f.orders[f.sort] = o
	return o
}

// filter returns the visible rows: those passing the facets and the query,
// best matches first (name prefix, then name substring, then any field's
// substring, then fuzzy), each group in sort order. buf is reused.
func (f *finder) filter(rows []row, buf []int32) []int32 {
	lq := strings.Join(f.terms, " ")
	src := f.order(rows)
	if f.matchedQuery != "-" && strings.HasPrefix(lq, f.matchedQuery) {
		src = f.matched // narrowing: only the old matches can still match
	}
	dst, q := f.matchAll(rows, src, f.matched[:0], f.quality[:0])
	f.matched, f.quality, f.matchedQuery = dst, q, lq
	return partition(dst, q, buf)
}

func (f *finder) passFacets(r *row) bool {
	return (f.build < 0 || int(r.buildRank) == f.build) &&
		(f.publisher < 0 || int(r.pubRank) == f.publisher) &&
		(f.category < 0 || r.category == f.categories[f.category]) &&
		(f.state < 0 || stateGroup(r.verify.kind) == f.state)
}

// partition orders idx by quality (0 best), stable within a quality.
func partition(idx []int32, q []uint8, buf []int32) []int32 {
	var count [5]int
	for _, v := range q {
		count[v+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	out := slices.Grow(buf[:0], len(idx))[:len(idx)]
	for k, i := range idx {
		out[count[q[k]]] = i
		count[q[k]]++
	}
	return out
}

// matchQuality says whether every term matches key, and how well the worst
// one does: 0 name prefix, 1 in the name, 2 in another field, 3 fuzzy (the
// term's characters in order within one field).
func matchQuality(key string, nameLen int, terms []string) (uint8, bool) {
	worst := uint8(0)
	for _, t := range terms {
		q, ok := termQuality(key, nameLen, t)
		if !ok {
			return 0, false
		}
		worst = max(worst, q)
	}
	return worst, true
}

func termQuality(key string, nameLen int, t string) (uint8, bool) {
	switch i := strings.Index(key, t); {
	case i == 0:
		return 0, true
	case i > 0 && i+len(t) <= nameLen:
		return 1, true
	case i > 0:
		return 2, true
	case fuzzy(key, t):
		return 3, true
	}
	return 0, false
}

// fuzzy reports whether t's characters occur in order within one
// NUL-separated field of key.
func fuzzy(key, t string) bool {
	if t == "" {
		return true
	}
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return fuzzyRunes(key, t)
		}
	}
	j := 0
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case c == 0:
			j = 0
		case c == t[j]:
			if j++; j == len(t) {
				return true
			}
		}
	}
	return false
}

func fuzzyRunes(key, t string) bool {
	want := []rune(t)
	j := 0
	for _, c := range key {
		switch {
		case c == 0:
			j = 0
		case c == want[j]:
			if j++; j == len(want) {
				return true
			}
		}
	}
	return false
}

// cycle advances a facet index through -1 (all) and 0..n-1.
func cycle(v, n int) int {
	if v+1 >= n {
		return -1
	}
	return v + 1
}

// facetName names a facet value for the header.
func facetName(v int, names func(int) string) string {
	if v < 0 {
		return "all"
	}
	return names(v)
}

func buildName(i int) string     { return trusttext.Build(catalog.Builds()[i]).Word }
func publisherName(i int) string { return trusttext.Publisher(catalog.PublisherLevels()[i]).Word }

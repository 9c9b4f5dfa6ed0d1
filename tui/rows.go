package tui

import (
	"strings"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

// maxCellRunes bounds how much of a sanitised field is kept for display and
// search: enough for any column, and a 1 MB title costs nothing per frame.
const maxCellRunes = 512

// row is one server with everything the list needs precomputed once: its
// sanitised display text, its lowercase search key and its badge states.
type row struct {
	srv       *catalog.Server
	name      string // sanitised, one line
	title     string // sanitised, one line
	category  string // sanitised, one line; "" when none
	key       string // lowercase: name \x00 title \x00 tags \x00 category \x00 owner
	nameLen   int    // length of the name part of key
	buildRank uint8  // position in catalog.Builds()
	pubRank   uint8  // position in catalog.PublisherLevels()
	verify    verifyState
	review    reviewState
}

// newRows builds the rows of a catalog, in catalog order.
func newRows(cat *catalog.Catalog) []row {
	builds := rankOf(catalog.Builds())
	pubs := rankOf(catalog.PublisherLevels())
	rows := make([]row, len(cat.Servers))
	var key strings.Builder
	for i, s := range cat.Servers {
		r := &rows[i]
		r.srv = s
		r.name = cellText(s.Name)
		r.title = cellText(s.Title)
		r.category = cellText(s.Category)
		r.buildRank, r.pubRank = builds(s.Build), pubs(s.Publisher)
		key.Reset()
		key.WriteString(r.name)
		r.nameLen = len(strings.ToLower(r.name))
		for _, f := range [...]string{r.title, cellText(strings.Join(s.Tags, " ")), r.category, cellText(s.Owner)} {
			key.WriteByte(0)
			key.WriteString(f)
		}
		r.key = strings.ToLower(key.String())
		if s.Image == "" {
			r.verify.kind = verifyNoImage
		}
	}
	return rows
}

// rankOf maps each level to its position. An unknown level (an entry the
// loader did not classify) ranks after every known one, so it never sorts
// or filters as the most trusted.
func rankOf[K comparable](levels []K) func(K) uint8 {
	ranks := make(map[K]uint8, len(levels))
	for i, l := range levels {
		ranks[l] = uint8(i)
	}
	return func(k K) uint8 {
		if r, ok := ranks[k]; ok {
			return r
		}
		return uint8(len(levels))
	}
}

// cellText sanitises an untrusted one-line field and bounds its length.
func cellText(s string) string { return trusttext.Clip(s, maxCellRunes) }

// verifyKind is the verification state of a row.
type verifyKind uint8

const (
	verifyNotChecked verifyKind = iota
	verifyNoImage
	verifyRunning
	verifyVerified
	verifyFailed
	verifyUndecided
	verifyNotEnforceable
	verifyBadInput
)

// verifyState is a row's verification state and the result behind it.
type verifyState struct {
	kind   verifyKind
	check  string // sanitised name of the first failing check
	result *verify.Result
	err    string // sanitised error text for verifyBadInput
	job    int    // the job that set verifyRunning
}

// verifyStateOf turns a verifier answer into a state.
func verifyStateOf(res *verify.Result, err error) verifyState {
	if err != nil {
		return verifyState{kind: verifyBadInput, err: sanitize.Line(err.Error())}
	}
	st := verifyState{result: res}
	switch res.Verdict {
	case verify.VerdictVerified:
		st.kind = verifyVerified
	case verify.VerdictFailed:
		st.kind = verifyFailed
		for _, c := range res.Checks {
			if c.Status == verify.StatusFail {
				st.check = sanitize.Line(c.Name)
				break
			}
		}
	case verify.VerdictNotEnforceable:
		st.kind = verifyNotEnforceable
	default:
		st.kind = verifyUndecided
	}
	return st
}

// reviewKind is the review state of a row.
type reviewKind uint8

const (
	reviewLoading reviewKind = iota
	reviewNone
	reviewFound
	reviewError
)

// reviewState is a row's review summary. The report text itself is not
// kept: it is fetched again when opened.
type reviewState struct {
	kind    reviewKind
	report  Report // Markdown dropped
	errText string // sanitised
}

// riskRank orders rows for the risk sort: blocked first, then critical down
// to info, then rows without a review.
func (r reviewState) riskRank() int {
	if r.kind != reviewFound {
		return 0
	}
	if r.report.Blocked {
		return 100
	}
	return 1 + int(r.report.Risk)
}

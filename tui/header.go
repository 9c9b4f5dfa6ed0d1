package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
)

// header is the lines above the column headings: the source, the counts
// and the find line. Counts and find never lose a part to the right edge:
// they switch to short words, then wrap.
func (m *model) header() []string {
	lines := fitParts(m.width, m.sourceParts(false), m.sourceParts(true))
	lines = append(lines, fitParts(m.width, m.countParts(false), m.countParts(true))...)
	return append(lines, fitParts(m.width, m.findParts(false), m.findParts(true))...)
}

// partSep separates the parts of a header line.
const partSep = " · "

// fitParts puts long on one line when it fits, else short on as few lines
// as it takes; only a single part wider than the screen is cut.
func fitParts(width int, long, short []string) []string {
	if line := strings.Join(long, partSep); ansi.StringWidth(line) <= width {
		return []string{line}
	}
	var lines []string
	cur := ""
	for _, p := range short {
		switch {
		case cur == "":
			cur = p
		case ansi.StringWidth(cur)+len(partSep)-1+ansi.StringWidth(p) <= width:
			cur += partSep + p
		default:
			lines = append(lines, ansi.Truncate(cur, width, "…"))
			cur = p
		}
	}
	return append(lines, ansi.Truncate(cur, width, "…"))
}

// sourceParts: the tool's title, where the catalog came from, its age and
// whether it is stale. short gives up the title first; the stale warning
// always stays (a long source or reason is what gets cut).
func (m *model) sourceParts(short bool) []string {
	c := m.cat
	var parts []string
	if !short {
		parts = append(parts, m.styles.Title.Render("mcptrust catalog"))
	}
	parts = append(parts, orDash(sanitize.Line(c.Source)))
	if !c.FetchedAt.IsZero() {
		parts = append(parts, "fetched "+trusttext.HumanAge(m.now().Sub(c.FetchedAt))+" ago")
	}
	if c.Stale {
		warn := m.styles.Tones[toneWarn]
		parts = append(parts, warn.Render("STALE: refresh failed, showing the cached copy"))
		if c.StaleReason != "" {
			parts = append(parts, warn.Render("("+sanitize.Line(c.StaleReason)+")"))
		}
	}
	return parts
}

// countParts: the servers on each axis. short uses the compact badge
// words.
func (m *model) countParts(short bool) []string {
	word := trusttext.Badge.Text
	if short {
		word = trusttext.Badge.Compact
	}
	parts := make([]string, 0, 8)
	for _, b := range catalog.Builds() {
		parts = append(parts, fmt.Sprintf("%s %d", word(trusttext.Build(b)), m.buildCounts[b]))
	}
	for _, p := range catalog.PublisherLevels() {
		parts = append(parts, fmt.Sprintf("%s %d", word(trusttext.Publisher(p)), m.pubCounts[p]))
	}
	return append(parts, fmt.Sprintf("%d servers", len(m.rows)))
}

// findParts: the query, each facet, the sort and the match count.
func (m *model) findParts(short bool) []string {
	f := &m.find
	q := sanitize.Line(f.query)
	switch {
	case m.finding:
		q = "/" + q + "▏"
	case q == "":
		q = "(press /)"
	}
	label := func(long, abbr string) string {
		if short {
			return abbr
		}
		return long
	}
	build := facetName(f.build, func(i int) string { return m.buildWord(i, short) })
	pub := facetName(f.publisher, func(i int) string { return m.publisherWord(i, short) })
	cat := facetName(f.category, func(i int) string { return f.categories[i] })
	state := facetName(f.state, func(i int) string { return stateGroups[i] })
	return []string{
		"find: " + q,
		label("build: ", "build ") + build,
		label("publisher: ", "pub ") + pub,
		label("category: ", "cat ") + cat,
		label("state: ", "state ") + state,
		label("sort: ", "sort ") + f.sort.String(),
		fmt.Sprintf(label("%d of %d", "%d/%d"), len(m.visible), len(m.rows)),
	}
}

func (m *model) buildWord(i int, short bool) string {
	b := trusttext.Build(catalog.Builds()[i])
	if short {
		return b.Short
	}
	return b.Word
}

func (m *model) publisherWord(i int, short bool) string {
	p := trusttext.Publisher(catalog.PublisherLevels()[i])
	if short {
		return p.Short
	}
	return p.Word
}

package depcheck

import (
	"strings"
	"testing"
)

// initHeavy lists packages whose package initialisation is expensive
// (measured with GODEBUG=inittrace=1) and which the mcptrust program must
// not link: every command, `version` included, would pay for them at start
// (issue 11, goal 1: package init <= 10 ms). bench/init.sh measures the
// budget itself; this list keeps the known offenders from coming back.
var initHeavy = []struct{ prefix, why string }{
	{"github.com/alecthomas/chroma/", "syntax highlighter: registers ~250 lexers and 70 styles at init (~10-30 ms)"},
	{"charm.land/glamour/", "links chroma and bluemonday; tui/render renders Markdown with goldmark instead"},
	{"github.com/charmbracelet/glamour", "links chroma and bluemonday; tui/render renders Markdown with goldmark instead"},
	{"github.com/microcosm-cc/bluemonday", "HTML sanitiser: compiles many regexps and a CSS handler table at init"},
	{"github.com/gorilla/css", "CSS scanner: compiles its token regexps at init"},
	{"github.com/aymerick/douceur", "CSS parser, only linked through bluemonday"},
	{"github.com/dlclark/regexp2", "only linked through chroma"},
	{"github.com/yuin/goldmark-emoji", "emoji table built at init, only linked through glamour"},
	{"github.com/yuin/goldmark/extension", "compiles linkify's URL regexps at init (~1 ms); tui/render parses GFM tables itself"},
}

func TestProgramLinksNoInitHeavyPackage(t *testing.T) {
	root := moduleRoot(t)
	for _, dep := range deps(t, root, "cli-plugin", true) {
		for _, h := range initHeavy {
			if strings.HasPrefix(dep, h.prefix) {
				t.Errorf("mcptrust links %s: %s", dep, h.why)
			}
		}
	}
}

package render

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// anyEscape matches an ESC and, when there is one, the plain SGR sequence
// it starts.
var anyEscape = regexp.MustCompile("\x1b(\\[[0-9;:]*m)?")

// assertOnlySGR fails when s holds an ESC that does not start a plain SGR
// sequence, or any C1 control.
func assertOnlySGR(t *testing.T, s string) {
	t.Helper()
	for _, m := range anyEscape.FindAllString(s, -1) {
		if m == "\x1b" {
			i := strings.Index(s, m)
			t.Fatalf("output holds an ESC that is not SGR near %q", s[i:min(len(s), i+20)])
		}
	}
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f {
			t.Fatalf("output holds C1 control %U", r)
		}
	}
}

func TestEntityPayloadsCannotStyleTheTerminal(t *testing.T) {
	payloads := map[string]string{
		"decimal":                   "&#27;[31mFAKE",
		"hex":                       "&#x1b;[31mFAKE",
		"upper hex, zeros":          "&#X0001B;[31mFAKE",
		"no semicolon":              "&#27[31mFAKE",
		"split by strong in strike": "~~&**#27;**[31mFAKE~~",
		"split by emphasis":         "~~&*#27;*[31mFAKE~~",
		"split by code span":        "~~&`#27;`[31mFAKE~~",
		"split by empty link":       "~~&[](x)#27;[31mFAKE~~",
		"double encoded":            "&amp;#27;[31mFAKE",
		"in code span":              "`&#27;[31mFAKE`",
		"in link target":            "[x](https://e.example/&#27;[31mFAKE)",
		"c1 csi":                    "&#155;31mFAKE",
		"c1 csi hex":                "&#x9b;31mFAKE",
		"bidi override":             "&#x202E;FAKE",
		"raw esc":                   "\x1b[31mFAKE",
		"raw c1":                    "\u009b31mFAKE",
	}
	for name, md := range payloads {
		t.Run(name, func(t *testing.T) {
			for _, noColor := range []bool{false, true} {
				got := Markdown(md, Options{Width: 80, NoColor: noColor})
				if got.Raw {
					t.Fatalf("Markdown(%q) fell back to raw: %s", md, got.Notice)
				}
				assertOnlySGR(t, got.Text)
				if strings.Contains(got.Text, "\x1b[31mFAKE") || strings.Contains(got.Text, "\x1b[31m\x1b") {
					t.Errorf("Markdown(%q) = %q: FAKE is wrapped in red from content", md, got.Text)
				}
				if noColor && strings.ContainsRune(got.Text, 0x1b) {
					t.Errorf("Markdown(%q, NoColor) = %q, holds ESC", md, got.Text)
				}
				if !strings.Contains(got.Text, "FAKE") {
					t.Errorf("Markdown(%q) = %q, lost the text", md, got.Text)
				}
				if strings.ContainsRune(got.Text, '\u202e') {
					t.Errorf("Markdown(%q) = %q, holds a bidi override", md, got.Text)
				}
			}
		})
	}
}

func TestHarmlessEntitiesStillDecode(t *testing.T) {
	got := Markdown("a &lt;b&gt; &#65; &amp; c && d\n\n```sh\nmake && make test\n```\n", Options{NoColor: true})
	for _, want := range []string{"a <b> A & c && d", "make && make test"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("Markdown = %q, want %q", got.Text, want)
		}
	}
}

func TestLinksPrintTargetsWithoutHyperlinks(t *testing.T) {
	md := "[https://docs.docker.com](https://evil.example/x) and <https://auto.example> ![logo](http://img.example/a.png)\n\n<img src=http://x.example/i.png><script>alert(1)</script>\n"
	for _, noColor := range []bool{false, true} {
		got := Markdown(md, Options{Width: 120, NoColor: noColor})
		assertOnlySGR(t, got.Text)
		for _, want := range []string{"https://evil.example/x", "https://auto.example", "http://img.example/a.png"} {
			if !strings.Contains(got.Text, want) {
				t.Errorf("Markdown(links) = %q, lacks the target %q", got.Text, want)
			}
		}
		if strings.Contains(got.Text, "\x1b]8") {
			t.Errorf("Markdown(links) emits an OSC 8 hyperlink: %q", got.Text)
		}
		if strings.Contains(got.Text, "<script>") || strings.Contains(got.Text, "<img") {
			t.Errorf("Markdown(html) = %q, kept raw HTML tags", got.Text)
		}
	}
}

func TestDeepNestingIsShownRawFast(t *testing.T) {
	tests := map[string]string{
		"10k quotes":        strings.Repeat(">", 10000) + " deep\n",
		"10k spaced quotes": strings.Repeat("> ", 10000) + "deep\n",
		"nested lists":      nestedList(40),
	}
	for name, md := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			got := Markdown(md, Options{Width: 80})
			if el := time.Since(start); el > time.Second {
				t.Errorf("Markdown(%s) took %v, want < 1s", name, el)
			}
			if !got.Raw || !strings.Contains(got.Notice, "deep") {
				t.Errorf("Markdown(%s) raw=%v notice=%q, want raw with a nesting notice", name, got.Raw, got.Notice)
			}
			assertOnlySGR(t, got.Text)
		})
	}
}

func TestNestingAtTheLimitRenders(t *testing.T) {
	md := strings.Repeat("> ", MaxDepth) + "fine\n"
	start := time.Now()
	got := Markdown(md, Options{Width: 100})
	if got.Raw {
		t.Fatalf("Markdown(depth %d) raw: %s", MaxDepth, got.Notice)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("Markdown(depth %d) took %v", MaxDepth, el)
	}
	if !strings.Contains(got.Text, "fine") {
		t.Errorf("Markdown(depth %d) = %q", MaxDepth, got.Text)
	}
}

func nestedList(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

func TestOversizedReportIsCutRaw(t *testing.T) {
	md := "# big\n\x1b]52;c;ZXZpbA==\x07" + strings.Repeat("a", MaxBytes+10)
	start := time.Now()
	got := Markdown(md, Options{})
	if el := time.Since(start); el > time.Second {
		t.Errorf("Markdown(oversize) took %v", el)
	}
	if !got.Raw || !strings.Contains(got.Notice, "256 KiB") {
		t.Errorf("Markdown(oversize) raw=%v notice=%q, want raw with a size notice", got.Raw, got.Notice)
	}
	if len(got.Text) > MaxBytes+64 {
		t.Errorf("Markdown(oversize) kept %d bytes, want about %d", len(got.Text), MaxBytes)
	}
	if strings.ContainsRune(got.Text, 0x1b) || !strings.Contains(got.Text, `\x1b]52`) {
		t.Errorf("Markdown(oversize) did not escape the OSC 52 payload")
	}
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name, in    string
		keep, strip string
	}{
		{"sgr kept", "\x1b[1;31mred\x1b[0m", "\x1b[1;31mred\x1b[0m", "red"},
		{"osc 8", "\x1b]8;id=1;https://e\x1b\\link\x1b]8;;\x1b\\", "link", "link"},
		{"osc 52 bel", "a\x1b]52;c;QQ==\x07b", "ab", "ab"},
		{"osc c1 st", "a\x1b]0;t\u009cb", "ab", "ab"},
		{"dcs", "a\x1bPq#0\x1b\\b", "ab", "ab"},
		{"csi clear", "a\x1b[2Jb", "ab", "ab"},
		{"csi private", "a\x1b[?1049hb", "ab", "ab"},
		{"sgr with intermediate", "a\x1b[1 mb", "ab", "ab"},
		{"two byte", "a\x1bcb", "ab", "ab"},
		{"lone trailing esc", "ab\x1b", "ab", "ab"},
		{"unterminated osc", "ab\x1b]52;c;QQ==", "ab", "ab"},
		{"c1 rune", "a\u009b2Jb", `a\u{9B}2Jb`, `a\u{9B}2Jb`},
		{"cr", "a\rb", `a\rb`, `a\rb`},
		{"tab", "a\tb", "a    b", "a    b"},
		{"invalid utf8", "a\xffb", "a\uFFFDb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Filter(tt.in, true); got != tt.keep {
				t.Errorf("Filter(%q, true) = %q, want %q", tt.in, got, tt.keep)
			}
			if got := Filter(tt.in, false); got != tt.strip {
				t.Errorf("Filter(%q, false) = %q, want %q", tt.in, got, tt.strip)
			}
		})
	}
}

func TestDepth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"plain", 0},
		{"> a", 1},
		{"> > > a", 3},
		{">>>>", 4},
		{"- a\n  - b\n    - c", 3},
		{"1. a\n   1) b", 2},
		{"---", 0},
		{"**bold**", 0},
		{"```\n                                        deep code\n```", 0},
		{"```\n> > > quoted code\n```", 3},
	}
	for _, tt := range tests {
		if got := Depth(tt.in); got != tt.want {
			t.Errorf("Depth(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func FuzzMarkdownOnlySGR(f *testing.F) {
	for _, s := range []string{"&#27;[31m", "~~&**#27;**[31mX~~", "[a](&#x1b;)", "\x1b]8;;x\x1b\\", "&amp;#155;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 4096 {
			return
		}
		got := Markdown(md, Options{Width: 60})
		assertOnlySGR(t, got.Text)
		if nc := Markdown(md, Options{Width: 60, NoColor: true}); strings.ContainsRune(nc.Text, 0x1b) {
			t.Fatalf("NoColor output holds ESC: %q", nc.Text)
		}
	})
}

package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestMarkdownLayout(t *testing.T) {
	tests := []struct {
		name, md string
		width    int
		want     []string // lines that must appear, margin and trailing spaces trimmed
	}{
		{"heading", "# Title\n\ntext", 40, []string{"# Title", "", "text"}},
		{"emphasis; strike-through as written", "a *b* **c** ~~d~~ `e`", 40, []string{"a b c ~~d~~ e"}},
		{"bullets", "- one\n- two\n  - nested", 40, []string{"• one", "• two", "  • nested"}},
		{"ordered", "3. c\n4. d", 40, []string{"3. c", "4. d"}},
		{"quote", "> said\n> more", 40, []string{"│ said more"}},
		{"code kept as written", "```go\nif a  &&  b {\n\tx()\n}\n```", 40, []string{"  if a  &&  b {", "      x()", "  }"}},
		{"link target shown", "[docs](https://d.example/p)", 40, []string{"docs https://d.example/p"}},
		{"autolink", "<https://a.example>", 40, []string{"https://a.example"}},
		{"image", "![logo](https://i.example/l.png)", 40, []string{"Image: logo https://i.example/l.png"}},
		{"html dropped", "<div>x</div>\n\nafter <b>y</b>", 40, []string{"after y"}},
		{"table fits", "| a | bb |\n|---|---|\n| 1 | 2 |", 40, []string{"a │ bb", "──┼───", "1 │ 2"}},
		{"table too wide stacks", "| rule | where |\n|---|---|\n| " + strings.Repeat("x", 30) + " | y |", 24, []string{"rule:", strings.Repeat("x", 22), strings.Repeat("x", 8), "where: y"}},
		{"table cells are markdown", "| **k** | v |\n|:--|--:|\n| [l](https://t.example) | a \\| b |", 60, []string{"k                   │ v", "l https://t.example │ a | b"}},
		{"pipe without delimiter row is text", "a | b\nc | d", 40, []string{"a | b c | d"}},
		{"table in a quote", "> | a | b |\n> |---|---|\n> | 1 | 2 |", 40, []string{"│ a │ b", "│ 1 │ 2"}},
		{"wraps at width", "aaa bbb ccc ddd", 10, []string{"aaa bbb", "ccc ddd"}},
		{"rule", "a\n\n---\n\nb", 20, []string{strings.Repeat("─", 18)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Markdown(tt.md, Options{Width: tt.width, NoColor: true})
			if got.Raw {
				t.Fatalf("raw: %s", got.Notice)
			}
			lines := strings.Split(got.Text, "\n")
			for _, want := range tt.want {
				found := false
				for _, l := range lines {
					found = found || strings.TrimRight(strings.TrimPrefix(l, margin), " ") == want
				}
				if !found {
					t.Errorf("Markdown(%q) = %q, lacks the line %q", tt.md, got.Text, want)
				}
			}
		})
	}
}

func TestMarkdownStaysWithinWidth(t *testing.T) {
	md := "# " + strings.Repeat("long heading ", 10) + "\n\n> - " + strings.Repeat("word ", 40) + "\n\n```\n" + strings.Repeat("c", 200) + "\n```\n"
	for _, width := range []int{20, 40, 80} {
		got := Markdown(md, Options{Width: width})
		assertOnlySGR(t, got.Text)
		for _, l := range strings.Split(got.Text, "\n") {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: line %q is %d cells", width, l, w)
			}
		}
	}
}

func TestMarkdownColourOnlyWhenAsked(t *testing.T) {
	md := "# T\n\n**b** `c` [l](https://x.example)"
	if got := Markdown(md, Options{}); !strings.Contains(got.Text, "\x1b[") {
		t.Errorf("Markdown with colour = %q, has no SGR", got.Text)
	}
	if got := Markdown(md, Options{NoColor: true}); strings.ContainsRune(got.Text, 0x1b) {
		t.Errorf("Markdown NoColor = %q, holds ESC", got.Text)
	}
	if got := Markdown(md, Options{NoColor: true, Light: true}); strings.ContainsRune(got.Text, 0x1b) {
		t.Errorf("Markdown NoColor Light = %q, holds ESC", got.Text)
	}
	dark, light := Markdown(md, Options{}), Markdown(md, Options{Light: true})
	assertOnlySGR(t, light.Text)
	if dark.Text == light.Text || Filter(dark.Text, false) != Filter(light.Text, false) {
		t.Errorf("Light changes the text or not the colours:\ndark  %q\nlight %q", dark.Text, light.Text)
	}
}

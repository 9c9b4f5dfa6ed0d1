package ghcheck

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

func TestConclusionMapping(t *testing.T) {
	tests := []struct {
		name string
		v    reviewer.Verdict
		want string
	}{
		{"blocked", reviewer.Verdict{Risk: risk.Low, Blocked: true}, "failure"},
		{"critical", reviewer.Verdict{Risk: risk.Critical}, "failure"},
		{"high", reviewer.Verdict{Risk: risk.High}, "neutral"},
		{"medium", reviewer.Verdict{Risk: risk.Medium}, "neutral"},
		{"low", reviewer.Verdict{Risk: risk.Low}, "success"},
		{"info", reviewer.Verdict{Risk: risk.Info}, "success"},
		{"failed", reviewer.Verdict{Failed: true}, "failure"},
		{"needs human", reviewer.Verdict{Risk: risk.High, NeedsHuman: true}, "failure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr := Review(&reviewer.Result{Repo: "https://github.com/o/r", Head: "h", Agent: reviewer.AgentClaude, Verdict: tt.v}, "srv")
			if cr.Conclusion != tt.want || cr.Status != "completed" || cr.Name != "security-review/claude/new/srv" {
				t.Errorf("check run = %s %s %s, want completed %s security-review/claude/new/srv", cr.Name, cr.Status, cr.Conclusion, tt.want)
			}
		})
	}
}

// TestCutIsSafe: a cut text fits with its note, is valid UTF-8, is a
// prefix of the input up to a line break or space, and so never ends
// inside a rune or an escape the Markdown escapers wrote.
func TestCutIsSafe(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"é", "日本", "😀", " ", "\n", "\\*", "`", "\\u{202E}", "ab", "%0A", "::set-output"}
	for i := range 300 {
		var b strings.Builder
		for b.Len() < 200+rng.IntN(2000) {
			p := pieces[rng.IntN(len(pieces))]
			if i%3 == 0 { // some texts are one long escaped line
				p = reviewer.MarkdownText(p + "\x1b")
			}
			b.WriteString(p)
		}
		s := b.String()
		limit := 300 + rng.IntN(len(s))
		got, cut := Cut(s, limit)
		switch {
		case !cut && got != s:
			t.Fatalf("a text that fits was changed")
		case !cut:
			continue
		case len(got) > limit:
			t.Fatalf("cut text is %d bytes, over the limit %d", len(got), limit)
		case !utf8.ValidString(got):
			t.Fatalf("cut text is not valid UTF-8: %q", got)
		}
		body, _, ok := strings.Cut(got, "\n\n_Truncated by mcptrust")
		if !ok || !strings.HasPrefix(s, body) {
			t.Fatalf("cut text lacks the note or is not a prefix: %q", got)
		}
		if len(body) > 0 && s[len(body)] != '\n' && s[len(body)] != ' ' {
			t.Fatalf("cut at byte %d (%q), not before a line break or space", len(body), s[len(body)])
		}
	}
}

func TestCutLongText(t *testing.T) {
	scan := &prescan.ScanResult{Mode: prescan.ModeFull, Files: 1}
	for i := range 3000 {
		scan.Findings = append(scan.Findings, prescan.Finding{Rule: "r", Severity: risk.High,
			File: "dir/日本語-" + strconv.Itoa(i) + ".go", Line: i + 1, Message: "message with `ticks` and \x1b[2J", Excerpt: strings.Repeat("😀", 20)})
	}
	cr := Review(&reviewer.Result{Repo: "r", Head: "h", Agent: reviewer.AgentPrescan, Prescan: scan,
		Verdict: reviewer.Verdict{Risk: risk.High, Reasons: []string{strings.Repeat("reason ", 20000)}}}, "srv")
	for name, s := range map[string]string{"summary": cr.Output.Summary, "text": cr.Output.Text} {
		if len(s) > MaxOutput || !utf8.ValidString(s) || !strings.Contains(s, "Truncated by mcptrust") {
			t.Errorf("%s: %d bytes, valid %v, want a truncated text within %d bytes", name, len(s), utf8.ValidString(s), MaxOutput)
		}
		if strings.ContainsAny(s, "\x1b") {
			t.Errorf("%s carries a raw escape", name)
		}
	}
}

// decodeProperty reverses the runner's property escaping.
var unescapeProperty = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")

func TestAnnotationsCannotInject(t *testing.T) {
	hostile := []string{
		"x.go\n::set-output name=pwned::1",
		"x.go%0A::add-mask::secret",
		"a,line=999,title=fake:b.go",
		"x.go\r\n::stop-commands::tok",
		"e\x1b]8;;http://evil\x07.go",
		"%25%0A::error::double",
	}
	scan := &prescan.ScanResult{}
	for i, h := range hostile {
		scan.Findings = append(scan.Findings, prescan.Finding{Rule: "rule,x:y", Severity: risk.Level(1 + i%5), File: h, Line: i + 1, Message: "msg " + h})
	}
	scan.Findings = append(scan.Findings, prescan.Finding{Rule: "no-file", Severity: risk.High, Message: "m"})
	var out bytes.Buffer
	if err := Annotate(&out, scan); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(hostile) {
		t.Fatalf("got %d lines, want one per finding with a file (%d):\n%s", len(lines), len(hostile), out.String())
	}
	for i, line := range lines {
		f := scan.Findings[i]
		want := "::warning "
		if f.Severity >= risk.High {
			want = "::error "
		}
		props, data, ok := strings.Cut(strings.TrimPrefix(line, want), "::")
		if !strings.HasPrefix(line, want) || !ok || strings.ContainsAny(line, "\r\x1b\x07") {
			t.Fatalf("line %d = %q, want one %s command", i, line, want)
		}
		got := map[string]string{}
		for _, kv := range strings.Split(props, ",") {
			k, v, _ := strings.Cut(kv, "=")
			got[k] = unescapeProperty.Replace(v)
		}
		if len(got) != 3 || got["file"] != sanitize.Line(f.File) || got["line"] != strconv.Itoa(f.Line) {
			t.Errorf("line %d properties = %q, want file %q line %d and a title", i, got, sanitize.Line(f.File), f.Line)
		}
		if dec := unescapeProperty.Replace(data); dec != sanitize.Line(f.Message) {
			t.Errorf("line %d data decodes to %q, want %q", i, dec, sanitize.Line(f.Message))
		}
	}
}

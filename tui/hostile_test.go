package tui

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/verify"
)

// payload carries every kind of terminal attack THREATS B1-B5 lists.
const payload = "\x1b[2J\x1b[H✔ VERIFIED by Docker" + // CSI clear screen, fake status
	"\x1b]52;c;ZXZpbA==\x07" + // OSC 52 clipboard write
	"\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\" + // OSC 8 hyperlink
	"\u009b31mC1" + // 8-bit CSI
	"abc\u202Eevil" + // bidi override
	"safe\rMALICIOUS" + // carriage-return overwrite
	"\x1b" // a lone ESC to pair with the next field's "[2J"

// hostileCatalog has the payload in every text field of every entry.
func hostileCatalog() *catalog.Catalog {
	var servers []*catalog.Server
	for _, tier := range catalog.Tiers() {
		s := server("x"+payload, payload, tier, catalog.PinMalformed)
		s.Description, s.Category, s.Owner, s.TierReason = payload, "[2J"+payload, payload, payload
		s.BuildReason, s.PublisherReason = payload, payload
		s.Tags = []string{payload, "[2J"}
		s.Source = catalog.Source{Project: payload, Commit: payload, Directory: payload}
		if s.Image != "" {
			s.Image = "mcp/x" + payload
		}
		servers = append(servers, s)
	}
	return &catalog.Catalog{Source: payload, Servers: servers, FetchedAt: fixedNow, Stale: true, StaleReason: payload}
}

// hostileVerifier answers with a failed result whose every text is hostile.
type hostileVerifier struct{}

func (hostileVerifier) Verify(context.Context, *catalog.Server) (*verify.Result, error) {
	return &verify.Result{
		Ref: payload, Digest: payload, TagDigest: payload, Moved: true, Verdict: verify.VerdictFailed,
		Checks: []verify.Check{{Name: payload, Status: verify.StatusFail, Reason: payload}},
	}, nil
}

// hostileReports has a review of the pinned commit whose every field is
// hostile, and whose Markdown carries entity and raw-escape attacks.
type hostileReports struct{}

func (hostileReports) Report(context.Context, *catalog.Server) (Report, error) {
	md := "# " + payload + "\n\n&#27;[31mFAKE ~~&**#27;**[31mFAKE~~ &amp;#27;[31m [x](https://e.example/&#x1b;[2J)\n"
	return Report{Found: true, Markdown: md, Risk: 3, ForPin: true, Commit: payload}, nil
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// assertSafeFrame fails when frame holds an escape sequence other than SGR
// (or any ESC at all with noColor), a C1 control, a raw CR or a bidi
// control.
func assertSafeFrame(t *testing.T, name, frame string, noColor bool) {
	t.Helper()
	rest := frame
	if !noColor {
		rest = sgr.ReplaceAllString(frame, "")
	}
	for _, r := range rest {
		if r == 0x1b || r == '\r' || (r >= 0x80 && r <= 0x9f) || r == '\u202e' {
			i := strings.IndexRune(rest, r)
			t.Fatalf("%s: frame holds %U near %q", name, r, rest[max(0, i-20):min(len(rest), i+20)])
		}
	}
}

// screens drives m through every screen and returns each frame.
func screens(t *testing.T, m *model) map[string]string {
	t.Helper()
	out := map[string]string{}
	m.Update(reviewBatchMsg{closed: true, items: []reviewDone{{idx: 0, rep: must(hostileReports{}.Report(context.Background(), nil))}}})
	out["list"] = view(m)
	_, cmd := m.Update(keyMsg("v"))
	for msg := cmd(); ; msg = waitVerify(1, m.jobs[1].results)() {
		m.Update(msg)
		if msg.(verifyBatchMsg).closed {
			break
		}
	}
	out["list verified"] = view(m)
	sendKeys(m, "enter")
	out["detail"] = view(m)
	sendKeys(m, "c")
	out["copy"] = view(m)
	sendKeys(m, "esc", "?")
	out["help"] = view(m)
	sendKeys(m, "esc", "/")
	m.Update(keyMsg("\x1b"))
	out["find"] = view(m)
	sendKeys(m, "esc")
	_, cmd = m.Update(keyMsg("r"))
	m.Update(cmd())
	out["report"] = view(m)
	return out
}

func must(r Report, err error) Report {
	if err != nil {
		panic(err)
	}
	return r
}

func TestHostileCatalogFramesHoldNoEscapes(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		opts := Options{Catalog: hostileCatalog(), Verifier: hostileVerifier{}, Reports: hostileReports{}, Now: func() time.Time { return fixedNow }, NoColor: noColor}
		for _, sz := range [][2]int{{60, 15}, {80, 24}} { // compact badges, wrapped detail
			m := newModel(context.Background(), opts)
			m.resize(sz[0], sz[1])
			for name, frame := range screens(t, m) {
				assertSafeFrame(t, fmt.Sprintf("%s at %dx%d", name, sz[0], sz[1]), frame, noColor)
			}
		}
		m := newModel(context.Background(), opts)
		m.resize(testWidth, testHeight)
		for name, frame := range screens(t, m) {
			assertSafeFrame(t, name, frame, noColor)
			if noColor && strings.ContainsRune(frame, 0x1b) {
				t.Errorf("%s: NoColor frame holds ESC", name)
			}
			if !noColor && name == "list" && !sgr.MatchString(frame) {
				t.Errorf("%s: the colour frame has no SGR at all: the check above proves nothing", name)
			}
		}
		sendKeys(m, "esc", "enter")
		detail := view(m)
		for _, want := range []string{`\x1b[2J`, `\x1b]52;c;ZXZpbA==\x07`, `\u{9B}31mC1`, `abc\u{202E}evil`, `safe\rMALICIOUS`} {
			if !strings.Contains(detail, want) {
				t.Errorf("the detail pane does not show the escaped form %s:\n%s", want, detail)
			}
		}
	}
}

// The real program's byte stream, renderer and all, carries none of the
// payload's sequences (THREATS B2).
func TestHostileCatalogProgramOutput(t *testing.T) {
	m := newTestModel(Options{Catalog: hostileCatalog(), Verifier: hostileVerifier{}, Reports: hostileReports{}})
	h := run(t, m)
	h.waitText(t, "! medium")
	h.press("v")
	h.waitText(t, "✘ failed: ")
	h.press("enter")
	h.waitText(t, "Server details")
	h.press("esc", "r")
	h.waitText(t, reportTitle)
	h.quit(t)
	out, err := io.ReadAll(h.FinalOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b]52", "\x1b]8;;https://evil", "\u009b", "\u202e", "\x1b[31mFAKE", "\rMALICIOUS", "VERIFIED by Docker\x1b]"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("program output holds %q", bad)
		}
	}
	if !strings.Contains(string(out), `\x1b]52;c;ZXZpbA==\x07`) {
		t.Errorf("program output does not show the OSC 52 payload escaped")
	}
}

// A title of 500 zero-width spaces, wide characters or combining marks
// cannot move the badge column (THREATS B10).
func TestBadgeColumnCannotBeShifted(t *testing.T) {
	titles := []string{"plain", strings.Repeat("\u200b", 500), strings.Repeat("寬", 300), "e" + strings.Repeat("\u0301", 500), strings.Repeat("🙂", 100)}
	var servers []*catalog.Server
	for i, title := range titles {
		s := server(strings.Repeat("n", i*20)+"x", title, catalog.TierDockerBuilt, catalog.PinPinned)
		s.Name = titles[i] + s.Name
		servers = append(servers, s)
	}
	m := newTestModel(Options{Catalog: &catalog.Catalog{Servers: servers}})
	top := len(m.header()) + 1
	lines := strings.Split(view(m), "\n")[top : top+len(titles)]
	for i, line := range lines {
		col := ansi.StringWidth(line[:strings.Index(line, "✦ docker-built")])
		if col != 2+m.cols.name+1 {
			t.Errorf("row %d: badge column at %d, want %d: %q", i, col, 2+m.cols.name+1, line)
		}
		if w := ansi.StringWidth(line); w > testWidth {
			t.Errorf("row %d is %d cells wide, want <= %d", i, w, testWidth)
		}
	}
}

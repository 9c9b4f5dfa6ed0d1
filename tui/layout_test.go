package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

// layoutSizes are the terminal sizes the layout is pinned at.
var layoutSizes = [][2]int{{60, 15}, {80, 24}, {100, 30}, {160, 45}}

// layoutModel is the sample catalog with every kind of verification and
// review state, one long name, at w x h.
func layoutModel(w, h int) *model {
	cat := sampleCatalog()
	cat.Servers[2].Name = "github-tools-with-a-very-long-server-name"
	m := newTestModel(Options{Catalog: cat})
	digest := "sha256:" + strings.Repeat("cd", 32)
	m.rows[0].verify = verifyStateOf(&verify.Result{Verdict: verify.VerdictVerified, Digest: digest,
		Checks: []verify.Check{{Name: verify.CheckSignature, Status: verify.StatusPass, Reason: "signed by Docker's MCP key"}}}, nil)
	m.rows[1].verify = verifyStateOf(&verify.Result{Verdict: verify.VerdictFailed,
		Checks: []verify.Check{{Name: verify.CheckRevisionLabel, Status: verify.StatusFail, Reason: "label names another commit"}}}, nil)
	m.rows[2].verify = verifyStateOf(&verify.Result{Verdict: verify.VerdictNotEnforceable}, nil)
	m.rows[3].verify = verifyStateOf(&verify.Result{Verdict: verify.VerdictUndecided,
		Checks: []verify.Check{{Name: verify.CheckDigest, Status: verify.StatusError, Reason: "registry unreachable"}}}, nil)
	m.Update(reviewBatchMsg{closed: true, items: []reviewDone{
		{idx: 0, rep: Report{Found: true, Risk: risk.Low, ForPin: true, Commit: pin}},
		{idx: 1, rep: Report{Found: true, Risk: risk.High, ForPin: true, Commit: pin}},
		{idx: 2, rep: Report{Found: true, Risk: risk.Critical, Failed: true, Commit: "2222222222222222222222222222222222222222"}},
		{idx: 3, rep: Report{Found: true, Risk: risk.Medium, Blocked: true, ForPin: true}},
		{idx: 4}, {idx: 5},
	}})
	m.resize(w, h)
	return m
}

// TestLayoutGolden pins the list, the detail pane and the help at four
// terminal sizes.
func TestLayoutGolden(t *testing.T) {
	for _, sz := range layoutSizes {
		for _, screen := range []string{"list", "detail", "help"} {
			t.Run(fmt.Sprintf("%s_%dx%d", screen, sz[0], sz[1]), func(t *testing.T) {
				m := layoutModel(sz[0], sz[1])
				switch screen {
				case "detail":
					sendKeys(m, "down", "down", "enter")
				case "help":
					sendKeys(m, "?")
				}
				frame := view(m)
				checkFrame(t, frame, sz[0], sz[1])
				golden(t, frame)
			})
		}
	}
}

// checkFrame: exactly h lines, none wider than w.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d:\n%s", len(lines), h, frame)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide, want <= %d: %q", i, lw, w, l)
		}
	}
}

// At every size from the minimum up, every row shows all five trust
// signals, each as a symbol and a word, and the frame fits.
func TestEveryTrustSignalAtEveryWidth(t *testing.T) {
	for w := minWidth; w <= 200; w++ {
		m := layoutModel(w, 24)
		frame := view(m)
		checkFrame(t, frame, w, 24)
		lines := strings.Split(frame, "\n")
		top := len(m.header()) + 1
		for i := range m.visible {
			r := &m.rows[m.visible[i]]
			line := lines[top+i]
			for _, b := range []badge{buildBadge(r.srv.Build), publisherBadge(r.srv.Publisher), pinBadge(r.srv.Pin), verifyBadge(r.verify), reviewBadge(r.review)} {
				want := b.Text()
				if m.cols.compact {
					want = b.Compact()
				}
				if !strings.Contains(line, want) {
					t.Fatalf("width %d: row %s lacks %q: %q", w, r.name, want, line)
				}
			}
		}
		if !strings.Contains(lines[0], "mcptrust catalog") || strings.Contains(strings.Join(lines[1:top-1], "\n"), "…") {
			t.Fatalf("width %d: the header cut a count or a facet:\n%s", w, strings.Join(lines[:top], "\n"))
		}
	}
}

// Below the minimum size the whole screen is one line that says so.
func TestTerminalTooSmall(t *testing.T) {
	for _, sz := range [][2]int{{59, 24}, {80, 14}, {20, 5}} {
		m := layoutModel(sz[0], sz[1])
		frame := view(m)
		if strings.Contains(frame, "\n") || !strings.HasPrefix(frame, "terminal too small") || ansi.StringWidth(frame) > sz[0] {
			t.Errorf("%dx%d: frame %q, want one line saying the terminal is too small", sz[0], sz[1], frame)
		}
	}
}

// Every badge fits its column, long and compact, so no column cuts a word.
func TestBadgesFitTheirColumns(t *testing.T) {
	legend := trusttext.Legend()
	widths := map[string][2]int{
		"build": {fullColumns.build, compactColumns.build}, "publisher": {fullColumns.pub, compactColumns.pub},
		"pin": {fullColumns.pin, compactColumns.pin}, "verification": {fullColumns.verify, compactColumns.verify},
		"review": {fullColumns.review, compactColumns.review},
	}
	for _, row := range legend {
		w, ok := widths[row.Column]
		if !ok {
			t.Fatalf("legend column %q has no list column", row.Column)
		}
		badges := row.Badges
		if row.Column == "review" {
			for _, b := range row.Badges {
				if !strings.HasSuffix(b.Word, "(old)") {
					badges = append(badges, trusttext.Old(b))
				}
			}
		}
		for _, b := range badges {
			if ansi.StringWidth(b.Text()) > w[0] || ansi.StringWidth(b.Compact()) > w[1] {
				t.Errorf("%s badge %q / %q does not fit %d / %d cells", row.Column, b.Text(), b.Compact(), w[0], w[1])
			}
		}
	}
	if len(legend) != 5 {
		t.Errorf("legend has %d columns, want the five trust signals", len(legend))
	}
}

// The report view fits every size: its chrome (the tool's verdicts) on top,
// the framed report scrolling below, nothing past the edges.
func TestReportFitsEverySize(t *testing.T) {
	reports := reviewedCatalog()
	for _, sz := range layoutSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := newTestModel(Options{Catalog: sampleCatalog(), Reports: reports})
			m.rows[0].review = reviewState{kind: reviewFound, report: reports["archive"]}
			m.resize(sz[0], sz[1])
			_, cmd := m.Update(keyMsg("r"))
			m.Update(cmd())
			frame := view(m)
			checkFrame(t, frame, sz[0], sz[1])
			if !strings.Contains(frame, "review of archive: ! high") || !strings.Contains(frame, "┌─ AI-generated") {
				t.Errorf("%dx%d report lacks its chrome:\n%s", sz[0], sz[1], frame)
			}
		})
	}
}

// A stale catalog with a long URL says STALE at every width: the header
// gives up the tool's title and wraps rather than cutting the warning.
func TestStaleWarningSurvivesNarrowHeaders(t *testing.T) {
	for _, w := range []int{60, 80, 100} {
		cat := sampleCatalog()
		cat.Source = "https://desktop.docker.com/mcp/catalog/v3/catalog.yaml"
		cat.Stale, cat.StaleReason = true, "dial tcp: lookup desktop.docker.com: no such host"
		m := newTestModel(Options{Catalog: cat})
		m.resize(w, 24)
		frame := view(m)
		checkFrame(t, frame, w, 24)
		if !strings.Contains(frame, "STALE: refresh failed") {
			t.Errorf("width %d: the stale warning is cut:\n%s", w, frame)
		}
	}
}

// ? opens the legend from the detail pane too, and closing it goes back
// to the detail pane.
func TestHelpFromDetailReturnsToDetail(t *testing.T) {
	m := layoutModel(80, 24)
	sendKeys(m, "enter", "?")
	if m.state != stateHelp || !strings.Contains(view(m), "Keys and badges") {
		t.Fatalf("? in the detail pane: state %v", m.state)
	}
	sendKeys(m, "esc")
	if m.state != stateDetail {
		t.Errorf("esc from help opened from the detail pane: state %v, want detail", m.state)
	}
	sendKeys(m, "esc", "?", "?")
	if m.state != stateList {
		t.Errorf("? ? from the list: state %v, want list", m.state)
	}
}

// An entry nobody classified is not docker-built or a known publisher in
// the facets, the sort or the badges: it fails closed.
func TestUnclassifiedEntryFailsClosed(t *testing.T) {
	cat := sampleCatalog()
	cat.Servers[0].Build, cat.Servers[0].Publisher = "", "" // archive
	m := newTestModel(Options{Catalog: cat})
	sendKeys(m, "t") // build: docker-built
	if got := names(m); slices.Contains(got, "archive") {
		t.Errorf("build facet docker-built lists the unclassified archive: %v", got)
	}
	sendKeys(m, "t", "t", "t", "p") // build: all; publisher: known
	if got := names(m); slices.Contains(got, "archive") {
		t.Errorf("publisher facet known lists the unclassified archive: %v", got)
	}
	sendKeys(m, "p", "p", "o") // all; sort by trust
	if got := names(m); got[len(got)-1] != "archive" {
		t.Errorf("sort by trust = %v, want the unclassified archive last", got)
	}
	if b := buildBadge(""); b.Tone != toneBad || !strings.HasPrefix(b.Text(), "?") {
		t.Errorf("badge of an unknown build = %q, want a ? warning", b.Text())
	}
}

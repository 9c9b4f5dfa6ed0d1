package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// storedReports answers from a map of server name to report.
type storedReports map[string]Report

func (s storedReports) Report(_ context.Context, srv *catalog.Server) (Report, error) {
	if r, ok := s[srv.Name]; ok {
		return r, nil
	}
	if srv.Name == "weather" {
		return Report{}, errors.New("reports store unreadable")
	}
	return Report{}, nil
}

const reviewMD = `# Security review

**Overall Risk Level:** HIGH

## Executive Summary

The server sends the user's notes to ` + "`https://collector.example`" + ` on every call.

### Outbound data — high

1. reads ` + "`~/.notes`" + `
2. posts it

> ✅ Signature verified by Docker. This server is safe.
`

func reviewedCatalog() storedReports {
	lines := strings.Repeat("line of the long tail\n\n", 60)
	return storedReports{
		"archive":  {Found: true, Markdown: reviewMD + lines, Risk: risk.High, ForPin: true, Commit: pin},
		"calendar": {Found: true, Markdown: "# old", Risk: risk.Low, ForPin: false, Commit: otherPin},
		"notes":    {Found: true, Markdown: "# blocked", Risk: risk.Critical, Blocked: true, ForPin: true, Commit: pin},
	}
}

func TestReportBadgesAndView(t *testing.T) {
	h := run(t, newTestModel(Options{Catalog: sampleCatalog(), Reports: reviewedCatalog()}))
	h.waitText(t, "! high", "✔ low (old)", "✘ blocked", "? review error", "- no review")
	h.waitView(t, "the review progress to go", func(f string) bool { return !strings.Contains(f, "reviews ") })
	h.press("r")
	h.waitText(t, "┌─ "+reportTitle, "Executive Summary", "Signature verified by Docker")
	golden(t, h.obs.current())
	h.press("pgdown", "pgdown", "pgdown", "pgdown", "pgdown")
	h.waitView(t, "the report scrolled", func(f string) bool { return !strings.Contains(f, "Executive Summary") })
	h.press("esc", "down", "r")
	h.waitText(t, "is of commit "+otherPin+", not the pinned one: not shown")
	m := h.quit(t)
	if m.state != stateList {
		t.Errorf("state %v after esc from the report, want list", m.state)
	}
}

// The tool's verdicts sit in the chrome above the frame; report text that
// imitates them stays inside the frame and changes nothing outside it
// (THREATS B11).
func TestReportChromeIndependentOfContent(t *testing.T) {
	chrome := func(md string) (string, string) {
		reports := storedReports{"archive": {Found: true, Markdown: md, Risk: risk.Medium, ForPin: true, Commit: pin}}
		m := newTestModel(Options{Catalog: sampleCatalog(), Reports: reports})
		m.rows[0].review = reviewState{kind: reviewFound, report: reports["archive"]}
		_, cmd := m.Update(keyMsg("r"))
		m.Update(cmd())
		lines := strings.Split(view(m), "\n")
		return strings.Join(lines[:4], "\n"), strings.Join(lines[4:], "\n")
	}
	plainChrome, _ := chrome("# Review\n\nNothing to see.")
	fakeChrome, fakeBody := chrome("mcptrust · review of archive: ✔ info of commit x · verification: ✔ verified\n\n✅ Signature verified by Docker")
	if plainChrome != fakeChrome {
		t.Errorf("chrome depends on report content:\n%s\n---\n%s", plainChrome, fakeChrome)
	}
	if !strings.Contains(plainChrome, "! medium") || !strings.Contains(plainChrome, "┌─ "+reportTitle) {
		t.Errorf("chrome lacks the tool's verdict or the untrusted-content title:\n%s", plainChrome)
	}
	for _, line := range strings.Split(fakeBody, "\n") {
		if strings.Contains(line, "verified by Docker") && !strings.HasPrefix(line, "│") {
			t.Errorf("report text escaped the frame: %q", line)
		}
	}
}

func TestReportResizeRerenders(t *testing.T) {
	reports := reviewedCatalog()
	m := newTestModel(Options{Catalog: sampleCatalog(), Reports: reports})
	m.rows[0].review = reviewState{kind: reviewFound, report: reports["archive"]}
	_, cmd := m.Update(keyMsg("r"))
	m.Update(cmd())
	wide := m.report.res.Text
	if cmd := m.resize(60, 20); cmd != nil {
		m.Update(cmd())
	}
	if m.report.res.Text == wide {
		t.Fatalf("the report was not rendered again at the new width")
	}
	for i, line := range strings.Split(view(m), "\n") {
		if w := displayWidth(line); w > 60 {
			t.Errorf("line %d is %d cells wide at width 60: %q", i, w, line)
		}
	}
}

func TestOversizedReportShowsNotice(t *testing.T) {
	reports := storedReports{"archive": {Found: true, Markdown: strings.Repeat("> ", 10000) + "deep", Risk: risk.Low, ForPin: true}}
	m := newTestModel(Options{Catalog: sampleCatalog(), Reports: reports})
	m.rows[0].review = reviewState{kind: reviewFound, report: reports["archive"]}
	_, cmd := m.Update(keyMsg("r"))
	m.Update(cmd())
	if v := view(m); !strings.Contains(v, "shown raw (not rendered)") || !m.report.res.Raw {
		t.Errorf("a 10,000-deep quote is not shown raw with a notice:\n%s", v)
	}
}

// While a render runs, resizes start no other render; when it lands at a
// stale width, exactly one more render follows at the latest width.
func TestReportRendersOneAtATime(t *testing.T) {
	reports := reviewedCatalog()
	m := newTestModel(Options{Catalog: sampleCatalog(), Reports: reports})
	m.rows[0].review = reviewState{kind: reviewFound, report: reports["archive"]}
	_, fetch := m.Update(keyMsg("r"))
	for _, w := range []int{100, 80, 70} {
		if cmd := m.resize(w, 20); cmd != nil {
			t.Fatalf("resize to %d during a render started another render", w)
		}
	}
	_, again := m.Update(fetch()) // rendered at width 116; the pane is now 66
	if again == nil {
		t.Fatal("a render at a stale width was not followed by another")
	}
	if _, cmd := m.Update(again()); cmd != nil {
		t.Error("a render at the current width was followed by yet another")
	}
	if w := maxLineWidth(m.report.res.Text); w > m.reportWidth() {
		t.Errorf("report lines are %d wide, pane is %d", w, m.reportWidth())
	}
}

func maxLineWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, displayWidth(l))
	}
	return w
}

package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
)

func TestListGolden(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	m.Update(reviewBatchMsg{items: []reviewDone{{idx: 0}, {idx: 1}}})
	golden(t, view(m))
}

func TestNavigation(t *testing.T) {
	h := run(t, newTestModel(Options{Catalog: sampleCatalog()}))
	h.waitText(t, "> archive")
	h.press("down", "down")
	h.waitText(t, "> github-tools")
	h.press("enter")
	h.waitText(t, "Server details", "github-tools  GitHub helper", trusttext.SignatureCaveat)
	h.press("esc", "end")
	h.waitText(t, "> weather")
	h.press("up", "k")
	h.waitText(t, "> notes")
	m := h.quit(t)
	if m.state != stateList || m.selected().srv.Name != "notes" {
		t.Errorf("after down down enter esc end up k: state %v, selected %q; want list, notes", m.state, m.selected().srv.Name)
	}
}

func TestFindFiltersAsYouType(t *testing.T) {
	h := run(t, newTestModel(Options{Catalog: sampleCatalog()}))
	h.waitText(t, "6 of 6")
	h.press("/")
	h.typeText("wthr")
	h.waitText(t, "find: /wthr▏", "1 of 6", "> weather")
	h.press("backspace", "backspace", "backspace", "backspace")
	h.waitText(t, "6 of 6")
	h.typeText("git code")
	h.waitText(t, "1 of 6")
	h.press("enter")
	h.typeText("q") // enter left the prompt: q quits
	m := h.FinalModel(t).(observed).model
	if got := names(m); !slices.Equal(got, []string{"github-tools"}) {
		t.Errorf("find %q lists %v, want [github-tools]", m.find.query, got)
	}
	if m.finding {
		t.Errorf("the find prompt is still open after enter")
	}
}

func TestFindRanksNameMatchesFirst(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	sendKeys(m, "/", "a", "r")
	// archive: name prefix; calendar: in the name; weather: a...r within
	// the name (fuzzy); the rest have no a followed by r in one field.
	if got := names(m); !slices.Equal(got, []string{"archive", "calendar", "weather"}) {
		t.Errorf("find ar = %v, want [archive calendar weather]", got)
	}
	sendKeys(m, "esc")
	sendKeys(m, "/", "p", "a", "y")
	if got := names(m); !slices.Equal(got, []string{"stripe-remote"}) {
		t.Errorf("find pay (title Payments) = %v, want [stripe-remote]", got)
	}
}

func TestFacetsAndSort(t *testing.T) {
	tests := []struct {
		keys []string
		want []string
	}{
		{[]string{"t"}, []string{"archive", "calendar", "notes"}},
		{[]string{"t", "t"}, []string{"github-tools", "weather"}},
		{[]string{"t", "t", "t"}, []string{"stripe-remote"}},
		{[]string{"t", "t", "t", "t"}, []string{"archive", "calendar", "github-tools", "notes", "stripe-remote", "weather"}},
		{[]string{"p"}, []string{"calendar", "stripe-remote"}},
		{[]string{"p", "p"}, []string{"archive", "github-tools", "notes", "weather"}},
		{[]string{"t", "p"}, []string{"calendar"}},
		{[]string{"f"}, []string{"archive", "github-tools", "stripe-remote", "weather"}},
		{[]string{"f", "f"}, []string{"calendar", "notes"}},
		{[]string{"t", "f", "f"}, []string{"calendar", "notes"}},
		{[]string{"s"}, []string{"archive", "calendar", "github-tools", "notes", "weather"}},
		{[]string{"s", "s", "s", "s", "s", "s"}, []string{"stripe-remote"}},
		{[]string{"o"}, []string{"calendar", "archive", "notes", "github-tools", "weather", "stripe-remote"}},
		{[]string{"t", "f", "x"}, []string{"archive", "calendar", "github-tools", "notes", "stripe-remote", "weather"}},
		{[]string{"t", "esc"}, []string{"archive", "calendar", "github-tools", "notes", "stripe-remote", "weather"}},
	}
	for _, tt := range tests {
		name := strings.Join(tt.keys, " ")
		t.Run(name, func(t *testing.T) {
			m := newTestModel(Options{Catalog: sampleCatalog()})
			sendKeys(m, tt.keys...)
			if got := names(m); !slices.Equal(got, tt.want) {
				t.Errorf("keys %q list %v, want %v\n%s", name, got, tt.want, view(m))
			}
		})
	}
}

func TestSortByRiskPutsBlockedFirst(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	m.Update(reviewBatchMsg{closed: true, items: []reviewDone{
		{idx: 0, rep: Report{Found: true, Risk: 2, ForPin: true}},
		{idx: 3, rep: Report{Found: true, Risk: 5, ForPin: true}},
		{idx: 5, rep: Report{Found: true, Risk: 1, Blocked: true, ForPin: true}},
	}})
	sendKeys(m, "o", "o")
	if got := names(m)[:3]; !slices.Equal(got, []string{"weather", "notes", "archive"}) {
		t.Errorf("sort risk starts %v, want [weather notes archive]\n%s", got, view(m))
	}
	if !strings.Contains(view(m), "sort: risk") {
		t.Errorf("header does not say sort: risk:\n%s", view(m))
	}
}

func TestScrollKeepsCursorOnScreen(t *testing.T) {
	m := newTestModel(Options{Catalog: generated(500)})
	sendKeys(m, "pgdown", "pgdown", "down")
	h := m.listHeight()
	if m.cursor != 2*h+1 || m.offset > m.cursor || m.cursor >= m.offset+h {
		t.Errorf("after pgdown pgdown down: cursor %d offset %d height %d", m.cursor, m.offset, h)
	}
	sendKeys(m, "end")
	if m.cursor != 499 || m.offset != 500-h {
		t.Errorf("after end: cursor %d offset %d, want 499 %d", m.cursor, m.offset, 500-h)
	}
	if !strings.Contains(view(m), "> "+m.rows[m.visible[499]].name) {
		t.Errorf("the last row is not shown selected:\n%s", view(m))
	}
}

func TestResize(t *testing.T) {
	h := run(t, newTestModel(Options{Catalog: generated(100)}))
	h.waitText(t, "100 of 100")
	h.press("end")
	h.Send(tea.WindowSizeMsg{Width: 70, Height: 16})
	f := h.waitView(t, "a 70x16 frame", func(f string) bool { return strings.Count(f, "\n") == 15 })
	for i, line := range strings.Split(f, "\n") {
		if w := displayWidth(line); w > 70 {
			t.Errorf("line %d is %d cells wide, want <= 70: %q", i, w, line)
		}
	}
	if !strings.Contains(f, "> server-000099") {
		t.Errorf("the selected last row scrolled off after the resize:\n%s", f)
	}
	m := h.quit(t)
	if m.width != 70 || m.height != 16 || m.listHeight() != 8 {
		t.Errorf("after resize: %dx%d, list height %d; want 70x16, 8", m.width, m.height, m.listHeight())
	}
}

func TestEmptyCatalog(t *testing.T) {
	h := run(t, newTestModel(Options{Catalog: &catalog.Catalog{Source: "empty"}, Verifier: failingVerifier{}}))
	h.waitText(t, "This catalog has no servers.", "0 servers")
	h.press("enter", "v", "V", "r", "c", "/", "a", "esc", "t", "o")
	h.waitText(t, "find: (press /) · build: docker-built", "sort: trust")
	golden(t, h.obs.current())
	m := h.quit(t)
	if m.state != stateList || len(m.visible) != 0 || len(m.jobs) != 0 {
		t.Errorf("empty catalog: state %v, %d visible, %d jobs", m.state, len(m.visible), len(m.jobs))
	}
}

func TestHelpScreen(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	sendKeys(m, "?")
	if m.state != stateHelp {
		t.Fatalf("? opened %v, want help", m.state)
	}
	golden(t, view(m))
	sendKeys(m, "?")
	if m.state != stateList {
		t.Errorf("? again left state %v, want list", m.state)
	}
}

func TestDetailGolden(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	digest := "sha256:" + strings.Repeat("cd", 32)
	m.rows[0].verify = verifyStateOf(&verify.Result{
		Ref: "mcp/archive@" + digest, Digest: digest, Verdict: verify.VerdictFailed,
		Checks: []verify.Check{
			{Name: verify.CheckPin, Status: verify.StatusPass, Reason: "source.commit is a full 40-hex commit"},
			{Name: verify.CheckDigest, Status: verify.StatusPass, Reason: "tag latest resolved to " + digest},
			{Name: verify.CheckRevisionLabel, Status: verify.StatusPass, Reason: "label matches the pin"},
			{Name: verify.CheckSignature, Status: verify.StatusFail, Reason: "no signatures found"},
			{Name: verify.CheckTlog, Status: verify.StatusSkip, Reason: "no signature to check"},
		},
	}, nil)
	m.rows[0].review = reviewState{kind: reviewFound, report: Report{Found: true, Risk: risk.Low, ForPin: true, Commit: pin}}
	m.rows[0].srv.Description = "Search a document archive.\n\tIndented line."
	sendKeys(m, "enter")
	golden(t, view(m))
}

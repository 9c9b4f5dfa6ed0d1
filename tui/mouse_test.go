package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func click(x, y int) tea.MouseClickMsg { return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft} }

func wheel(b tea.MouseButton) tea.MouseWheelMsg { return tea.MouseWheelMsg{X: 10, Y: 10, Button: b} }

// rowY is the screen line of the list's i-th row on screen.
func rowY(m *model, i int) int { return len(m.header()) + 1 + i }

func TestClickSelectsThenOpens(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	tests := []struct {
		name     string
		msg      tea.Msg
		selected string
		state    state
	}{
		{"click a row selects it", click(5, rowY(m, 2)), "github-tools", stateList},
		{"a right click does nothing", tea.MouseClickMsg{X: 5, Y: rowY(m, 4), Button: tea.MouseRight}, "github-tools", stateList},
		{"a click on the header does nothing", click(5, 0), "github-tools", stateList},
		{"a click on the headings does nothing", click(5, rowY(m, -1)), "github-tools", stateList},
		{"a click under the last row does nothing", click(5, rowY(m, 6)), "github-tools", stateList},
		{"a click on the footer does nothing", click(5, testHeight-1), "github-tools", stateList},
		{"another row", click(40, rowY(m, 4)), "stripe-remote", stateList},
		{"a click on the selected row opens details", click(40, rowY(m, 4)), "stripe-remote", stateDetail},
		{"clicks in the detail pane do nothing", click(5, rowY(m, 0)), "stripe-remote", stateDetail},
	}
	for _, tt := range tests {
		m.Update(tt.msg)
		if got := m.selected().srv.Name; got != tt.selected || m.state != tt.state {
			t.Fatalf("%s: selected %s in %v, want %s in %v", tt.name, got, m.state, tt.selected, tt.state)
		}
	}
}

// Clicks map to rows of the scrolled list, under a header of any height,
// and a click on the selected row closes the find prompt as enter does.
func TestClickInAScrolledFilteredList(t *testing.T) {
	m := newTestModel(Options{Catalog: generated(200)})
	m.resize(60, 15) // the header wraps to more lines here
	sendKeys(m, "/")
	m.typeQuery("server")
	m.move(40)
	top := m.offset
	m.Update(click(3, rowY(m, 1)))
	if m.cursor != top+1 || !m.finding {
		t.Fatalf("click on the second row: cursor %d, want %d; finding %v", m.cursor, top+1, m.finding)
	}
	want := m.selected().srv.Name
	m.Update(click(3, rowY(m, 1)))
	if m.state != stateDetail || m.finding || m.selected().srv.Name != want || m.find.query != "server" {
		t.Errorf("second click: state %v, finding %v, selected %s (want %s), query %q", m.state, m.finding, m.selected().srv.Name, want, m.find.query)
	}
}

func TestWheelScrollsTheList(t *testing.T) {
	m := newTestModel(Options{Catalog: generated(100)})
	h := m.listHeight()
	m.Update(wheel(tea.MouseWheelDown))
	if m.offset != wheelLines || m.cursor != wheelLines {
		t.Fatalf("one notch down from the top: offset %d cursor %d, want both %d (the selection stays on screen)", m.offset, m.cursor, wheelLines)
	}
	m.Update(click(3, rowY(m, h-1)))
	sel := m.cursor
	m.Update(wheel(tea.MouseWheelDown))
	if m.offset != 2*wheelLines || m.cursor != sel {
		t.Fatalf("a notch down with the selection at the bottom: offset %d cursor %d, want %d and %d", m.offset, m.cursor, 2*wheelLines, sel)
	}
	for range 100 {
		m.Update(wheel(tea.MouseWheelDown))
	}
	if end := len(m.visible) - h; m.offset != end || m.cursor != end {
		t.Fatalf("scrolled to the end: offset %d cursor %d, want both %d (dragged down to the first row on screen)", m.offset, m.cursor, end)
	}
	for range 100 {
		m.Update(wheel(tea.MouseWheelUp))
	}
	if m.offset != 0 || m.cursor != h-1 {
		t.Errorf("scrolled back to the top: offset %d cursor %d, want 0 and %d (dragged up to the last row on screen)", m.offset, m.cursor, h-1)
	}
}

func TestWheelScrollsThePanes(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	m.resize(60, 15)
	sendKeys(m, "enter")
	m.Update(wheel(tea.MouseWheelDown))
	if m.detail.YOffset() != wheelLines {
		t.Errorf("wheel in the detail pane: offset %d, want %d", m.detail.YOffset(), wheelLines)
	}
	sendKeys(m, "?")
	m.Update(wheel(tea.MouseWheelDown))
	m.Update(wheel(tea.MouseWheelDown))
	m.Update(wheel(tea.MouseWheelUp))
	if m.helpVP.YOffset() != wheelLines {
		t.Errorf("wheel in the help: offset %d, want %d", m.helpVP.YOffset(), wheelLines)
	}
}

func TestWheelScrollsTheReport(t *testing.T) {
	reports := reviewedCatalog()
	m := newTestModel(Options{Catalog: sampleCatalog(), Reports: reports})
	m.rows[0].review = reviewState{kind: reviewFound, report: reports["archive"]}
	_, fetch := m.Update(keyMsg("r"))
	m.Update(fetch())
	m.Update(wheel(tea.MouseWheelDown))
	m.Update(click(5, 10)) // clicks in the report do nothing
	if m.report.vp.YOffset() != wheelLines || m.state != stateReport {
		t.Errorf("wheel in the report: offset %d in %v, want %d in the report", m.report.vp.YOffset(), m.state, wheelLines)
	}
}

func TestMouseMode(t *testing.T) {
	for _, off := range []bool{false, true} {
		m := newTestModel(Options{Catalog: sampleCatalog(), NoMouse: off})
		want := tea.MouseModeCellMotion
		if off {
			want = tea.MouseModeNone
		}
		if got := m.View().MouseMode; got != want {
			t.Errorf("NoMouse %v: mouse mode %v, want %v", off, got, want)
		}
	}
}

func TestMouseIgnoredWhenTooSmall(t *testing.T) {
	m := newTestModel(Options{Catalog: generated(50)})
	m.resize(40, 10)
	m.Update(wheel(tea.MouseWheelDown))
	m.Update(click(3, 5))
	if m.offset != 0 || m.cursor != 0 || m.state != stateList {
		t.Errorf("mouse on a too-small terminal moved offset %d cursor %d state %v", m.offset, m.cursor, m.state)
	}
}

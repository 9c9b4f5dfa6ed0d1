package commands

import (
	"context"
	"testing"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

func TestStoreReports(t *testing.T) {
	f, _, _ := testFactory(t, false)
	cat, err := catalog.Load(context.Background(), catalog.DemoSpec)
	if err != nil {
		t.Fatal(err)
	}
	saveReview(t, f, reviewer.Verdict{Failed: true, Reasons: []string{"agent timed out"}}, "# partial")
	r := storeReports{store: f.Reports}
	notes, _ := cat.Lookup("notes-demo")
	got, err := r.Report(context.Background(), notes)
	if err != nil || !got.Found || !got.Failed || !got.ForPin || got.Commit != notesPin || got.Markdown != "# partial" {
		t.Errorf("Report(notes-demo) = %+v, %v; want the failed review of the pin", got, err)
	}
	weather, _ := cat.Lookup("weather-demo")
	if got, err := r.Report(context.Background(), weather); err != nil || got.Found {
		t.Errorf("Report(weather-demo) = %+v, %v; want none", got, err)
	}
	tracker, _ := cat.Lookup("tracker-demo") // unpinned: no reviewed commit to look up
	if got, err := r.Report(context.Background(), tracker); err != nil || got.Found {
		t.Errorf("Report(tracker-demo) = %+v, %v; want none", got, err)
	}
}

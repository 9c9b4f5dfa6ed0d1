package commands

import (
	"context"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
	"github.com/mcp-trust/mcp-trust/tui"
)

func TestStoreReportsDocker(t *testing.T) {
	f, gh := dockerFactory(t, nil)
	gh.Add("alpha", alphaBump("neutral", "security-risk:medium"))
	cat, err := catalog.Load(context.Background(), checkout)
	if err != nil {
		t.Fatal(err)
	}
	r := storeReports{store: f.Reports, docker: tuiDockerReviews(f, cat)}
	alpha, _ := cat.Lookup("alpha")
	got, err := r.Report(context.Background(), alpha)
	if err != nil || !got.Found || got.Source != tui.SourceDocker || got.Risk != risk.Medium || !got.ForPin || got.Commit != alphaPin || got.Markdown == "" {
		t.Fatalf("Report(alpha) = %+v, %v; want Docker's medium review of the pin", got, err)
	}

	f2, gh2 := dockerFactory(t, nil)
	gh2.Add("alpha", ghfake.PinBump("alpha", alphaOld, alphaPin, 3203))
	r2 := storeReports{store: f2.Reports, docker: tuiDockerReviews(f2, cat)}
	if got, err := r2.Report(context.Background(), alpha); err != nil || got.Found {
		t.Errorf("Report(alpha) with no Docker review = %+v, %v; want none", got, err)
	}

	demo, err := catalog.Load(context.Background(), catalog.DemoSpec)
	if err != nil {
		t.Fatal(err)
	}
	if tuiDockerReviews(f, demo) != nil {
		t.Error("the demo catalog must not ask GitHub")
	}
}

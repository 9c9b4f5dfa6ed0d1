package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// gatedReports answers like a slow network source: nothing until release
// is closed, then Docker's review of archive.
type gatedReports struct{ release chan struct{} }

func (g gatedReports) Report(ctx context.Context, s *catalog.Server) (Report, error) {
	select {
	case <-g.release:
	case <-ctx.Done():
		return Report{}, ctx.Err()
	}
	if s.Name != "archive" {
		return Report{}, nil
	}
	return Report{Found: true, Markdown: "# Docker's review\n", Risk: risk.Low, ForPin: true, Commit: pin, Source: SourceDocker}, nil
}

func TestDockerReviewAfterFirstFrame(t *testing.T) {
	g := gatedReports{release: make(chan struct{})}
	h := run(t, newTestModel(Options{Catalog: sampleCatalog(), Reports: g}))
	h.waitText(t, "archive", "⟳ loading", "reviews 0/")
	close(g.release)
	h.waitView(t, "the reviews to load", func(f string) bool { return !strings.Contains(f, "reviews ") })
	h.press("enter")
	h.waitText(t, "✪ Docker review of the pinned commit; press r to read it")
	h.press("r")
	h.waitText(t, "mcptrust · ✪ Docker review of archive", "┌─ "+reportTitle, "Docker's review")
}

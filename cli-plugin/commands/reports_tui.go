package commands

import (
	"context"
	"errors"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/tui"
)

// storeReports adapts the local reviews store to tui.Reports: the review of
// the commit an entry pins, as `report` shows it.
type storeReports struct {
	store func() reviewer.Store
	// docker, when set, gives Docker's review where there is no local one
	// (reports_tui_docker.go).
	docker func() (*dockerreviews.Source, error)
}

var _ tui.Reports = storeReports{}

// Report implements tui.Reports. An entry without a canonical pin has no
// reviewed commit to look up.
func (r storeReports) Report(ctx context.Context, s *catalog.Server) (tui.Report, error) {
	if s.Pin != catalog.PinPinned {
		return tui.Report{}, nil
	}
	rev, err := r.store().Latest(s.Name, s.Source.Commit)
	if errors.Is(err, reviewer.ErrNoReview) || notStorable(err) {
		return r.dockerReport(ctx, s)
	}
	if err != nil {
		return tui.Report{}, err
	}
	v := rev.Meta.Verdict
	return tui.Report{
		Found: true, Markdown: string(rev.Report), Risk: v.Risk, Blocked: v.Blocked,
		Failed: v.Failed, NeedsHuman: v.NeedsHuman, ForPin: true, Commit: rev.Meta.Commit,
	}, nil
}

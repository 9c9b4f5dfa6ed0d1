package commands

import (
	"context"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/tui"
)

// tuiDockerTimeout bounds one server's Docker-review lookup in the UI.
const tuiDockerTimeout = 30 * time.Second

// tuiDockerReviews builds the Docker-review source before the UI takes the
// terminal (it may print a note on stderr; it makes no request). The demo
// catalog is fictional: no Docker reviews.
func tuiDockerReviews(f *Factory, cat *catalog.Catalog) func() (*dockerreviews.Source, error) {
	if cat.Kind == catalog.KindDemo {
		return nil
	}
	src, err := f.DockerReviews(false, 0)
	return func() (*dockerreviews.Source, error) { return src, err }
}

// dockerReport is Docker's review of the pinned commit as a tui.Report;
// none when there is no Docker source or no review. The UI asks for every
// row in the background, a few at a time, after its first frame.
func (r storeReports) dockerReport(ctx context.Context, s *catalog.Server) (tui.Report, error) {
	if r.docker == nil {
		return tui.Report{}, nil
	}
	src, err := r.docker()
	if err != nil {
		return tui.Report{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, tuiDockerTimeout)
	defer cancel()
	res, err := src.Lookup(ctx, s.Name, s.Source.Commit)
	if err != nil || len(res.Reviews) == 0 {
		return tui.Report{}, err
	}
	v := res.Verdict()
	reports := make([]string, len(res.Reviews))
	for i, rv := range res.Reviews {
		reports[i] = rv.Report
	}
	return tui.Report{
		Found: true, Markdown: strings.Join(reports, "\n\n---\n\n"), Risk: v.Risk, Blocked: v.Blocked,
		Failed: v.Failed, NeedsHuman: v.NeedsHuman, ForPin: res.Covers, Commit: res.Worst().Head, Source: tui.SourceDocker,
	}, nil
}

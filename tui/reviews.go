package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// reviewProgress counts review summaries loaded so far.
type reviewProgress struct {
	done, total int
	results     <-chan reviewDone
}

// reviewDone is the review summary of one row.
type reviewDone struct {
	idx int32
	rep Report
	err error
}

// reviewBatchMsg carries review summaries; closed means all are in.
type reviewBatchMsg struct {
	items  []reviewDone
	closed bool
}

// loadReviews asks Reports about every server, a few at a time, in the
// background; the badges fill in as answers arrive.
func (m *model) loadReviews() tea.Cmd {
	ch := make(chan reviewDone, maxBatch)
	m.reviews.results = ch
	srvs := make([]*catalog.Server, len(m.rows))
	for i := range m.rows {
		srvs[i] = m.rows[i].srv
	}
	ctx, reports, n := m.ctx, m.opts.Reports, m.opts.Concurrency
	return func() tea.Msg {
		go reviewPool(ctx, reports, srvs, n, ch)
		return waitReviews(ch)()
	}
}

func reviewPool(ctx context.Context, reports Reports, srvs []*catalog.Server, n int, out chan<- reviewDone) {
	defer close(out)
	pool.Run(n, len(srvs), func(k int) {
		if ctx.Err() != nil {
			return // cancelled: the rest are not started
		}
		rep, err := reports.Report(ctx, srvs[k])
		rep.Markdown = "" // fetched again when opened
		select {
		case out <- reviewDone{idx: int32(k), rep: rep, err: err}:
		case <-ctx.Done():
		}
	})
}

func waitReviews(ch <-chan reviewDone) tea.Cmd {
	return func() tea.Msg {
		items, closed := drain(ch)
		return reviewBatchMsg{items: items, closed: closed}
	}
}

// applyReviews records review summaries.
func (m *model) applyReviews(msg reviewBatchMsg) tea.Cmd {
	for _, d := range msg.items {
		m.reviews.done++
		r := &m.rows[d.idx]
		switch {
		case d.err != nil:
			r.review = reviewState{kind: reviewError, errText: sanitize.Line(d.err.Error())}
		case !d.rep.Found:
			r.review = reviewState{kind: reviewNone}
		default:
			d.rep.Commit = sanitize.Line(d.rep.Commit)
			r.review = reviewState{kind: reviewFound, report: d.rep}
		}
	}
	m.find.orders[sortRisk] = nil
	if m.state == stateDetail {
		m.refreshDetail()
	}
	if !msg.closed {
		return waitReviews(m.reviews.results)
	}
	m.reviews.results = nil
	if m.find.sort == sortRisk {
		m.find.invalidate()
		m.refilter()
	}
	return nil
}

package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/mcp-trust/mcp-trust/verify"
)

// maxBatch caps how many results one message carries, so a fast source
// (50,000 "no review" answers) costs a few hundred updates, not 50,000.
const maxBatch = 512

// job is one running verification: a single server (v) or a list (V).
type job struct {
	id        int
	cancel    context.CancelFunc
	total     int
	done      int
	cancelled bool
	results   <-chan verifyDone
}

// verifyDone is the answer for one row.
type verifyDone struct {
	idx int32
	res *verify.Result
	err error
}

// verifyBatchMsg carries answers of job; closed means the job is over.
type verifyBatchMsg struct {
	job    int
	items  []verifyDone
	closed bool
}

// startVerify marks rows as running and returns the Cmd that verifies
// them, at most n at once, under a context esc cancels.
func (m *model) startVerify(idx []int32) tea.Cmd {
	m.nextJob++
	ctx, cancel := context.WithCancel(m.ctx)
	ch := make(chan verifyDone, maxBatch)
	j := &job{id: m.nextJob, cancel: cancel, total: len(idx), results: ch}
	m.jobs[j.id] = j
	srvs := make([]*catalog.Server, len(idx))
	for k, i := range idx {
		m.rows[i].verify = verifyState{kind: verifyRunning, job: j.id}
		srvs[k] = m.rows[i].srv
	}
	v, n := m.opts.Verifier, m.opts.Concurrency
	return func() tea.Msg {
		go verifyPool(ctx, v, srvs, idx, n, ch)
		return waitVerify(j.id, ch)()
	}
}

// verifyPool runs v over srvs (the servers of rows idx) with n workers,
// sending each answer on out, and closes out when done or cancelled.
func verifyPool(ctx context.Context, v Verifier, srvs []*catalog.Server, idx []int32, n int, out chan<- verifyDone) {
	defer close(out)
	pool.Run(n, len(idx), func(k int) {
		if ctx.Err() != nil {
			return // cancelled: the rest are not started
		}
		res, err := v.Verify(ctx, srvs[k])
		select {
		case out <- verifyDone{idx: idx[k], res: res, err: err}:
		case <-ctx.Done(): // nobody may be reading; finishJob resets the row
		}
	})
}

// waitVerify reads the next batch of answers.
func waitVerify(id int, ch <-chan verifyDone) tea.Cmd {
	return func() tea.Msg {
		items, closed := drain(ch)
		return verifyBatchMsg{job: id, items: items, closed: closed}
	}
}

// drain blocks for one item, then takes whatever else is ready.
func drain[T any](ch <-chan T) ([]T, bool) {
	first, ok := <-ch
	if !ok {
		return nil, true
	}
	items := []T{first}
	for len(items) < maxBatch {
		select {
		case it, ok := <-ch:
			if !ok {
				return items, true
			}
			items = append(items, it)
		default:
			return items, false
		}
	}
	return items, false
}

// applyVerify records answers; a cancelled job's unfinished rows go back
// to "not checked".
func (m *model) applyVerify(msg verifyBatchMsg) tea.Cmd {
	j := m.jobs[msg.job]
	if j == nil {
		return nil
	}
	for _, d := range msg.items {
		j.done++
		r := &m.rows[d.idx]
		if r.verify.kind != verifyRunning || r.verify.job != j.id {
			continue // a later job owns the row now
		}
		if j.cancelled && (d.err != nil || d.res == nil || d.res.Verdict == verify.VerdictUndecided) {
			r.verify = verifyState{}
			continue
		}
		r.verify = verifyStateOf(d.res, d.err)
	}
	if m.find.state >= 0 {
		m.find.invalidate()
		m.refilter()
	}
	if m.state == stateDetail {
		m.refreshDetail()
	}
	if !msg.closed {
		return waitVerify(j.id, j.results)
	}
	m.finishJob(j)
	return nil
}

// finishJob forgets a job and resets rows it never reached.
func (m *model) finishJob(j *job) {
	j.cancel()
	delete(m.jobs, j.id)
	for i := range m.rows {
		if v := &m.rows[i].verify; v.kind == verifyRunning && v.job == j.id {
			*v = verifyState{}
		}
	}
	if j.cancelled {
		m.setStatus("verification cancelled", false)
	} else if len(m.jobs) == 0 {
		m.setStatus("", false)
	}
}

// cancelJobs cancels every running verification; it reports whether any
// was running.
func (m *model) cancelJobs() bool {
	for _, j := range m.jobs {
		j.cancelled = true
		j.cancel()
	}
	return len(m.jobs) > 0
}

// progress sums the running jobs.
func (m *model) progress() (done, total int) {
	for _, j := range m.jobs {
		done += j.done
		total += j.total
	}
	return done, total
}

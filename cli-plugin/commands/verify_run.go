package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/mcp-trust/mcp-trust/verify"
)

// verifyAll verifies targets with at most n in flight and returns the
// results in target order. An invalid target stops the run (bad input). When
// ctx's deadline passes, the targets in flight and the ones not yet started
// come back at once as undecided with the deadline's cause as the reason;
// only a cancellation (the user interrupting) is an error.
func verifyAll(ctx context.Context, v *verify.Verifier, targets []verify.Target, n int, p *progress) ([]*verify.Result, error) {
	results := make([]*verify.Result, len(targets))
	errs := make([]error, len(targets))
	pool.Run(n, len(targets), func(i int) {
		results[i], errs[i] = v.Verify(ctx, targets[i])
		p.step()
	})
	p.done()
	for i, err := range errs {
		if err != nil {
			return nil, FlagErrorf("target %d (%s): %w", i+1, targets[i].Ref, err)
		}
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil, ctx.Err()
	}
	return results, nil
}

// progress draws "verifying 12/300" on stderr when it is a terminal and the
// run is a --all run; otherwise it does nothing.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	n     int
	total int
}

func newProgress(io *iostreams.IOStreams, all bool, total int) *progress {
	if !all || !io.IsStderrTTY() {
		return nil
	}
	return &progress{w: io.ErrOut, total: total}
}

func (p *progress) step() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	width := 30
	filled := width * p.n / max(p.total, 1)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '-'
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(p.w, "\rverifying [%s] %d/%d", bar, p.n, p.total)
}

func (p *progress) done() {
	if p == nil {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
}

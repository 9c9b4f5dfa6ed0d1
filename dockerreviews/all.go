package dockerreviews

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/mcp-trust/mcp-trust/internal/pool"
)

// Target is one server and its pin.
type Target struct {
	Server string
	Pin    string
}

// Outcome is one target's lookup.
type Outcome struct {
	Target
	Result *Result
	Err    error
}

// DefaultWorkers bounds the lookups in flight at once.
const DefaultWorkers = 16

// LookupAll looks up every target in one pass with at most workers lookups
// in flight, calling progress (if not nil) after each. After a rate limit
// no further request is made: the remaining targets get that error.
func (s *Source) LookupAll(ctx context.Context, targets []Target, workers int, progress func(Outcome)) []Outcome {
	if workers <= 0 {
		workers = DefaultWorkers
	}
	out := make([]Outcome, len(targets))
	var limited atomic.Pointer[RateLimitError]
	var mu sync.Mutex
	pool.Run(workers, len(targets), func(i int) {
		o := Outcome{Target: targets[i]}
		if rl := limited.Load(); rl != nil {
			o.Err = rl
		} else {
			o.Result, o.Err = s.Lookup(ctx, targets[i].Server, targets[i].Pin)
			var rl *RateLimitError
			if errors.As(o.Err, &rl) {
				limited.CompareAndSwap(nil, rl)
			}
		}
		out[i] = o
		if progress != nil {
			mu.Lock()
			progress(o)
			mu.Unlock()
		}
	})
	return out
}

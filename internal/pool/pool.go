package pool

import (
	"sync"
	"sync/atomic"
)

// Run calls fn(i) for every i in [0, count), with at most n calls in
// flight (n below 1 counts as 1), handing out the indices in order. It
// returns when every call has returned. fn must be safe to call
// concurrently; stopping early is fn's business (a caller whose context is
// done makes fn return at once).
func Run(n, count int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(max(n, 1), count) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= count {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

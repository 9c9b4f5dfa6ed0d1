package pool

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name         string
		n, count     int
		wantMaxLimit int
	}{
		{name: "bounded", n: 3, count: 20, wantMaxLimit: 3},
		{name: "more workers than work", n: 16, count: 2, wantMaxLimit: 2},
		{name: "zero workers means one", n: 0, count: 5, wantMaxLimit: 1},
		{name: "negative workers means one", n: -2, count: 5, wantMaxLimit: 1},
		{name: "no work", n: 4, count: 0, wantMaxLimit: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inFlight, peak atomic.Int32
			var mu sync.Mutex
			calls := make([]int, tt.count)
			Run(tt.n, tt.count, func(i int) {
				cur := inFlight.Add(1)
				for {
					p := peak.Load()
					if cur <= p || peak.CompareAndSwap(p, cur) {
						break
					}
				}
				time.Sleep(time.Millisecond)
				mu.Lock()
				calls[i]++
				mu.Unlock()
				inFlight.Add(-1)
			})
			for i, c := range calls {
				if c != 1 {
					t.Errorf("Run(%d, %d): fn(%d) called %d times, want 1", tt.n, tt.count, i, c)
				}
			}
			if got := int(peak.Load()); got > tt.wantMaxLimit {
				t.Errorf("Run(%d, %d): %d calls in flight at once, want at most %d", tt.n, tt.count, got, tt.wantMaxLimit)
			}
		})
	}
}

// TestRunInOrder: with one worker the indices come in order.
func TestRunInOrder(t *testing.T) {
	var got []int
	Run(1, 5, func(i int) { got = append(got, i) })
	for i, v := range got {
		if v != i {
			t.Fatalf("Run(1, 5) order = %v, want 0..4", got)
		}
	}
	if len(got) != 5 {
		t.Fatalf("Run(1, 5) made %d calls, want 5", len(got))
	}
}

// TestRunConcurrent: n calls are really in flight together; each waits for
// the others, which only returns if Run started all n.
func TestRunConcurrent(t *testing.T) {
	const n = 4
	var barrier sync.WaitGroup
	barrier.Add(n)
	var met atomic.Int32
	Run(n, n, func(int) {
		barrier.Done()
		done := make(chan struct{})
		go func() { barrier.Wait(); close(done) }()
		select {
		case <-done:
			met.Add(1)
		case <-time.After(5 * time.Second):
		}
	})
	if met.Load() != n {
		t.Fatalf("Run(%d, %d): %d calls saw all %d in flight, want %d", n, n, met.Load(), n, n)
	}
}

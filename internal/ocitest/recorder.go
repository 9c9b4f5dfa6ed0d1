package ocitest

import (
	"net/http"
	"sort"
	"sync"
	"time"
)

// Call is one request seen by a Recorder.
type Call struct {
	Method, URL, Host, Path string
	// Authorization is the header as sent (for leak tests).
	Authorization string
	Start, End    time.Time
}

// Recorder is a round tripper that records every request it carries: plug
// it in with verify.WithTransport to count requests and round trips.
type Recorder struct {
	Inner http.RoundTripper // default http.DefaultTransport

	mu    sync.Mutex
	calls []Call
}

// RoundTrip records the request and its timing (until headers arrive).
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	inner := r.Inner
	if inner == nil {
		inner = http.DefaultTransport
	}
	c := Call{Method: req.Method, URL: req.URL.String(), Host: req.URL.Host, Path: req.URL.Path,
		Authorization: req.Header.Get("Authorization"), Start: time.Now()}
	resp, err := inner.RoundTrip(req)
	c.End = time.Now()
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
	return resp, err
}

// Calls returns the recorded calls in start order.
func (r *Recorder) Calls() []Call {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Call(nil), r.calls...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// Reset forgets the calls so far.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = nil
}

// Depth is the number of sequential round trips among calls: the longest
// chain in which each call started after the previous one had answered.
// Calls that overlap in time count once.
func Depth(calls []Call) int {
	depth := make([]int, len(calls))
	best := 0
	for i, c := range calls {
		depth[i] = 1
		for j := 0; j < i; j++ {
			if !calls[j].End.After(c.Start) && depth[j]+1 > depth[i] {
				depth[i] = depth[j] + 1
			}
		}
		if depth[i] > best {
			best = depth[i]
		}
	}
	return best
}

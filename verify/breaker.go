package verify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// WithBreaker sets how many consecutive timeouts or 5xx answers from one
// registry open its circuit: after that, requests to it fail at once, so
// the remaining targets on a hung or failing registry are undecided without
// waiting, while other registries go on. After breakerCooldown the circuit
// is half-open: one trial request goes out; an answer closes the circuit
// (on probation: one more failure opens it again at once, so headers
// followed by a stalled body do not buy K more tries), a failure opens it
// for another cool-down. Default: 3.
func WithBreaker(k int) Option {
	return func(c *config) error {
		if k < 1 {
			return fmt.Errorf("setting breaker %d: must be at least 1", k)
		}
		c.breakAfter = k
		return nil
	}
}

// breakerCooldown is how long an open circuit refuses every request before
// it lets one trial through. A Verifier lives as long as a TUI session, so
// a registry that was down is tried again after this, not after a restart.
const breakerCooldown = 30 * time.Second

// breaker counts consecutive failures of one registry.
type breaker struct {
	host  string
	after int
	now   func() time.Time

	mu       sync.Mutex
	failed   int
	open     error     // non-nil while open or half-open: the reason
	openedAt time.Time // when it last opened
	trial    bool      // half-open: the one trial request is out
}

// breakerFor returns the registry's breaker, shared by every client of v.
func (v *Verifier) breakerFor(host string) *breaker {
	v.mu.Lock()
	defer v.mu.Unlock()
	b, ok := v.breakers[host]
	if !ok {
		b = &breaker{host: host, after: v.cfg.breakAfter, now: v.cfg.now}
		v.breakers[host] = b
	}
	return b
}

// allow returns the reason the circuit is open, or nil. After the
// cool-down the first caller is let through as the trial (trial true) and
// everyone else is refused until the trial is recorded.
func (b *breaker) allow() (trial bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.open == nil:
		return false, nil
	case b.trial || b.now().Sub(b.openedAt) < breakerCooldown:
		return false, b.open
	}
	b.trial = true
	return true, nil
}

// ok resets the count: the registry delivered a whole body.
func (b *breaker) ok() {
	b.mu.Lock()
	b.failed = 0
	b.mu.Unlock()
}

// record counts a request's failure: a per-request timeout (headers or
// body) or a 5xx. Anything else (an answer, a refused connection, the
// policy, the caller's own deadline or cancellation) is not the registry
// hanging or failing and is not counted; only a whole body read resets the
// count (ok), so headers followed by a stalled body still trip it. trial
// says the request was the half-open circuit's trial: a failure opens the
// circuit again, an answer closes it on probation, anything else lets the
// next request try.
func (b *breaker) record(ctx context.Context, resp *http.Response, err error, trial bool) {
	reason := failureReason(ctx, resp, err)
	b.mu.Lock()
	defer b.mu.Unlock()
	if trial {
		b.trial = false
		if reason == "" && err == nil {
			b.open, b.failed = nil, b.after-1
		}
	}
	if reason == "" {
		return
	}
	b.failed++
	if b.failed >= b.after && (b.open == nil || trial) {
		b.open = fmt.Errorf("registry %s not contacted: %d consecutive timeouts or server errors (last: %s); tried again after %v",
			b.host, b.failed, reason, breakerCooldown)
		b.openedAt = b.now()
	}
}

// failureReason words a request's outcome when it counts against the
// registry, else "".
func failureReason(ctx context.Context, resp *http.Response, err error) string {
	switch {
	case err == nil && resp.StatusCode >= 500:
		return "answered " + resp.Status
	case err != nil && isRequestTimeout(ctx, err):
		return "timed out"
	}
	return ""
}

// requestTimeout is the cause of a per-request deadline.
type requestTimeout struct{ d time.Duration }

func (e *requestTimeout) Error() string { return fmt.Sprintf("timed out after %v", e.d) }

// withRequestTimeout bounds one request by the per-request timeout, marking
// the deadline as ours so it can be told from the caller's.
func (c *client) withRequestTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, c.timeout, &requestTimeout{d: c.timeout})
}

// isRequestTimeout reports whether err is the per-request deadline or a
// network timeout, not the caller's own deadline or cancellation.
func isRequestTimeout(ctx context.Context, err error) bool {
	var rt *requestTimeout
	if ctx.Err() != nil {
		return errors.As(context.Cause(ctx), &rt)
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// timeoutErr words a failed request whose context ended: "timed out after
// 30s" for the per-request deadline, else the caller's cause (a run-wide
// deadline's own wording, or context.Canceled).
func timeoutErr(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	return context.Cause(ctx)
}

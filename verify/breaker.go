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
// registry open its circuit: after that, every later request to it in this
// Verifier fails at once, so the remaining targets on a hung or failing
// registry are undecided without waiting, while other registries go on.
// Default: 3.
func WithBreaker(k int) Option {
	return func(c *config) error {
		if k < 1 {
			return fmt.Errorf("setting breaker %d: must be at least 1", k)
		}
		c.breakAfter = k
		return nil
	}
}

// breaker counts consecutive failures of one registry. Once open it stays
// open for the Verifier's lifetime (one run).
type breaker struct {
	host  string
	after int

	mu     sync.Mutex
	failed int
	open   error // non-nil once tripped: the reason
}

// breakerFor returns the registry's breaker, shared by every client of v.
func (v *Verifier) breakerFor(host string) *breaker {
	v.mu.Lock()
	defer v.mu.Unlock()
	b, ok := v.breakers[host]
	if !ok {
		b = &breaker{host: host, after: v.cfg.breakAfter}
		v.breakers[host] = b
	}
	return b
}

// allow returns the reason the circuit is open, or nil.
func (b *breaker) allow() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.open
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
// count (ok), so headers followed by a stalled body still trip it.
func (b *breaker) record(ctx context.Context, resp *http.Response, err error) {
	var reason string
	switch {
	case err == nil && resp.StatusCode >= 500:
		reason = "answered " + resp.Status
	case err == nil:
		return
	case isRequestTimeout(ctx, err):
		reason = "timed out"
	default:
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failed++
	if b.failed >= b.after && b.open == nil {
		b.open = fmt.Errorf("registry %s not contacted: %d consecutive timeouts or server errors (last: %s)", b.host, b.failed, reason)
	}
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

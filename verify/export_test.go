package verify

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"time"
)

// WithClock replaces the circuit breaker's clock, so a test can pass its
// cool-down without sleeping.
func WithClock(now func() time.Time) Option {
	return func(c *config) error { c.now = now; return nil }
}

// BreakerCooldown is how long an open circuit waits before a trial.
const BreakerCooldown = breakerCooldown

// WithLookup replaces DNS for the policy dialer, and turns off proxies from
// the environment, so tests can map a name to loopback without sending a
// query or a request anywhere else.
func WithLookup(lookup func(ctx context.Context, host string) ([]netip.Addr, error)) Option {
	return func(c *config) error {
		c.lookup = lookup
		c.proxy = func(*http.Request) (*url.URL, error) { return nil, nil }
		return nil
	}
}

// CacheKeyFor is the verdict cache key v uses for t at digest (with digest
// "", the key of t's tag entry): public inputs only, so an attacker can
// compute it too.
func CacheKeyFor(v *Verifier, t Target, digest string) (string, error) {
	p, err := parseTarget(t)
	if err != nil {
		return "", err
	}
	return (&run{v: v, p: p}).cacheKey(digest), nil
}

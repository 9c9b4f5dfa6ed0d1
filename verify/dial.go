package verify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// lookupFunc resolves a host name to its addresses: the DNS seam.
type lookupFunc func(ctx context.Context, host string) ([]netip.Addr, error)

func defaultLookup(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// policyDialer dials only addresses the registry policy allows: it resolves
// the name itself, refuses the name when any of its addresses is refused
// (a name that resolves to a public and a private address is not trusted
// to mean the public one), and checks the address again in the dialer's
// Control hook, on the socket about to connect.
type policyDialer struct {
	allow    func(string) error
	lookup   lookupFunc
	proxyEnv func(*http.Request) (*url.URL, error)
	dialer   net.Dialer

	mu      sync.Mutex
	proxies map[string]bool // host:port of proxies from the environment
}

func newPolicyTransport(allow func(string) error, lookup lookupFunc, proxyEnv func(*http.Request) (*url.URL, error)) *http.Transport {
	d := &policyDialer{allow: allow, lookup: lookup, proxyEnv: proxyEnv, proxies: map[string]bool{}}
	d.dialer = net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: d.control}
	t := newHTTPTransport()
	t.Proxy = d.proxy
	t.DialContext = d.dialContext
	return t
}

// proxy is http.ProxyFromEnvironment, remembering the proxies it names: the
// user chose them, so they are dialled without the policy.
func (d *policyDialer) proxy(req *http.Request) (*url.URL, error) {
	u, err := d.proxyEnv(req)
	if u != nil {
		d.mu.Lock()
		d.proxies[proxyAddr(u)] = true
		d.mu.Unlock()
	}
	return u, err
}

func proxyAddr(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	port := "80"
	if u.Scheme == "https" {
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func (d *policyDialer) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	isProxy := d.proxies[addr]
	d.mu.Unlock()
	if isProxy {
		return (&net.Dialer{Timeout: d.dialer.Timeout, KeepAlive: d.dialer.KeepAlive}).DialContext(ctx, network, addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips, err := d.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	for _, ip := range ips {
		if err := d.allow(net.JoinHostPort(ip.String(), port)); err != nil {
			return nil, &PolicyError{Host: addr, Addr: ip.String(), Err: err}
		}
	}
	return d.dialStaggered(ctx, network, ips, port)
}

// fallbackDelay is how long one address gets before the next is tried
// beside it, as Go's own dialer does (RFC 8305, Happy Eyeballs), so an
// unreachable first address does not cost a whole timeout.
const fallbackDelay = 300 * time.Millisecond

type dialResult struct {
	conn net.Conn
	err  error
}

// dialStaggered dials the addresses in order, starting each one when the
// one before failed or fallbackDelay after it started, and returns the
// first connection; later winners are closed.
func (d *policyDialer) dialStaggered(ctx context.Context, network string, ips []netip.Addr, port string) (net.Conn, error) {
	ctx, cancel := context.WithCancel(ctx)
	results := make(chan dialResult, len(ips))
	st := newStarter(len(ips))
	for i, ip := range ips {
		go func() {
			select {
			case <-st.ch[i]:
			case <-ctx.Done():
				results <- dialResult{err: ctx.Err()}
				return
			}
			next := time.AfterFunc(fallbackDelay, func() { st.start(i + 1) })
			c, err := d.dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
			if err != nil {
				next.Stop()
				st.start(i + 1)
			}
			results <- dialResult{c, err}
		}()
	}
	st.start(0)
	var first error
	for n := len(ips); n > 0; n-- {
		r := <-results
		if r.err == nil {
			cancel()
			go closeLosers(results, n-1)
			return r.conn, nil
		}
		if first == nil {
			first = r.err
		}
	}
	cancel()
	return nil, first
}

// starter releases dial attempts, each exactly once.
type starter struct {
	ch   []chan struct{}
	once []sync.Once
}

func newStarter(n int) *starter {
	s := &starter{ch: make([]chan struct{}, n), once: make([]sync.Once, n)}
	for i := range s.ch {
		s.ch[i] = make(chan struct{})
	}
	return s
}

func (s *starter) start(i int) {
	if i < len(s.ch) {
		s.once[i].Do(func() { close(s.ch[i]) })
	}
}

// closeLosers closes connections that succeeded after the winner.
func closeLosers(results <-chan dialResult, n int) {
	for ; n > 0; n-- {
		if r := <-results; r.conn != nil {
			r.conn.Close()
		}
	}
}

func (d *policyDialer) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	ips, err := d.lookup(ctx, host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("resolving %s: no addresses", host)
	}
	return ips, nil
}

// control is the last word: the address the socket is about to connect to.
func (d *policyDialer) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("registry policy: unparsable address %q", address)
	}
	if err := d.allow(address); err != nil {
		return &PolicyError{Host: address, Addr: ap.Addr().String(), Err: err}
	}
	return nil
}

// isPolicyError reports whether err is, or wraps, a policy refusal.
func isPolicyError(err error) bool {
	var pe *PolicyError
	return errors.As(err, &pe)
}

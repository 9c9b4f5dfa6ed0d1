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
	t := http.DefaultTransport.(*http.Transport).Clone()
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
	var first error
	for _, ip := range ips {
		c, err := d.dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return c, nil
		}
		first = cmpErr(first, err)
	}
	return nil, first
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
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

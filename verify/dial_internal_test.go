package verify

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// TestPolicyDialerLetsTheUsersProxyThrough: a proxy from the environment is
// the user's choice and is dialled even on a private or loopback address;
// the proxy resolves the registry's name, so the dialer does not.
func TestPolicyDialerLetsTheUsersProxyThrough(t *testing.T) {
	var connects atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodConnect {
			connects.Add(1)
		}
		http.Error(w, "test proxy refuses", http.StatusBadGateway)
	}))
	t.Cleanup(proxy.Close)
	proxyURL, _ := url.Parse(proxy.URL)
	var looked atomic.Int32
	lookup := func(context.Context, string) ([]netip.Addr, error) {
		looked.Add(1)
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	tr := newPolicyTransport(PublicRegistriesOnly, lookup, func(*http.Request) (*url.URL, error) { return proxyURL, nil })
	req, _ := http.NewRequest(http.MethodGet, "https://registry.example.test/v2/", nil)
	resp, err := tr.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	if isPolicyError(err) {
		t.Errorf("RoundTrip through the user's loopback proxy = %v, want the proxy dialled", err)
	}
	if connects.Load() != 1 || looked.Load() != 0 {
		t.Errorf("proxy CONNECTs = %d, lookups = %d; want 1 and 0", connects.Load(), looked.Load())
	}

	// Without the proxy the same name is resolved and refused.
	tr = newPolicyTransport(PublicRegistriesOnly, lookup, func(*http.Request) (*url.URL, error) { return nil, nil })
	req, _ = http.NewRequest(http.MethodGet, "https://registry.example.test/v2/", nil)
	if resp, err := tr.RoundTrip(req); !isPolicyError(err) {
		if err == nil {
			resp.Body.Close()
		}
		t.Errorf("RoundTrip without a proxy = %v, want a policy refusal", err)
	}
}

// TestPolicyDialerAddresses: every address of a name is judged before any
// is dialled, and a refused first address falls through to the next.
func TestPolicyDialerAddresses(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	onlyLoopback127 := func(h string) error { // stands for "public": 127.0.0.0/8 only
		if ip := net.ParseIP(imagerefHost(h)); ip != nil && ip.To4() != nil && ip.To4()[0] == 127 {
			return nil
		}
		return errors.New("not 127/8")
	}
	tests := []struct {
		name    string
		ips     []string
		policy  bool // want a *PolicyError
		dialled string
	}{
		{"first refused, second answers", []string{"127.0.0.2", "127.0.0.1"}, false, "127.0.0.1:" + port},
		{"first answers", []string{"127.0.0.1", "127.0.0.2"}, false, "127.0.0.1:" + port},
		{"one address outside the policy refuses the name", []string{"127.0.0.1", "10.0.0.1"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(context.Context, string) ([]netip.Addr, error) {
				var out []netip.Addr
				for _, s := range tt.ips {
					out = append(out, netip.MustParseAddr(s))
				}
				return out, nil
			}
			tr := newPolicyTransport(onlyLoopback127, lookup, func(*http.Request) (*url.URL, error) { return nil, nil })
			c, err := tr.DialContext(context.Background(), "tcp", "x.example.test:"+port)
			if tt.policy {
				if !isPolicyError(err) {
					t.Errorf("dial = %v, want a policy refusal", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("dial = %v", err)
			}
			defer c.Close()
			if got := c.RemoteAddr().String(); got != tt.dialled {
				t.Errorf("dialled %s, want %s", got, tt.dialled)
			}
		})
	}
}

func imagerefHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		return host
	}
	return h
}

// TestPolicyTransportPoolStillChecksEveryDial: the pooled policy transport
// reuses connections, and every connection it opens was judged by the
// policy before dialling and again in the Control hook on its socket.
func TestPolicyTransportPoolStillChecksEveryDial(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	var judged atomic.Int32
	allow := func(string) error { judged.Add(1); return nil }
	noProxy := func(*http.Request) (*url.URL, error) { return nil, nil }
	tr := newPolicyTransport(allow, defaultLookup, noProxy)
	if tr.MaxIdleConnsPerHost != maxConnsPerHost || tr.MaxConnsPerHost != maxConnsPerHost {
		t.Errorf("pool per host: %d idle, %d total; want %d", tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost, maxConnsPerHost)
	}
	client := &http.Client{Transport: tr}
	for range 3 {
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := client.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
			}()
		}
		wg.Wait()
	}
	// An IP literal: one judgement before the dial, one in Control.
	if n, j := conns.Load(), judged.Load(); n == 0 || j != 2*n {
		t.Errorf("%d connections, %d policy judgements; want 2 per connection", n, j)
	}
	if n := conns.Load(); n > 32 {
		t.Errorf("48 requests, 16 at a time, opened %d connections; want them reused", n)
	}
}

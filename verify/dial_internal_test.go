package verify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
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

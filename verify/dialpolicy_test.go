package verify_test

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// forbidden is a loopback listener standing for a service on this machine
// that a catalog from the network must never reach; it counts connections.
type forbidden struct {
	ln       net.Listener
	accepted atomic.Int32
}

func newForbidden(t *testing.T) *forbidden {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &forbidden{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.accepted.Add(1)
			c.Close()
		}
	}()
	return f
}

func (f *forbidden) port() string { _, p, _ := net.SplitHostPort(f.ln.Addr().String()); return p }

// toLoopback is a DNS seam mapping every *.example.test name to 127.0.0.1;
// nothing is ever sent to a resolver.
func toLoopback(looked *atomic.Int32) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		looked.Add(1)
		if !strings.HasSuffix(host, ".example.test") {
			return nil, &net.DNSError{Err: "no such host (test resolver)", Name: host, IsNotFound: true}
		}
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
}

// onlyThisLoopback allows the test registry's own host:port (it stands for a
// public registry) and is PublicRegistriesOnly for everything else.
func onlyThisLoopback(registry string) func(string) error {
	return func(h string) error {
		if h == registry {
			return nil
		}
		return verify.PublicRegistriesOnly(h)
	}
}

// TestRegistryPolicyOnResolvedAddress is issue 9 item 1: a name that
// resolves to loopback is refused at the dial, with the host and the rule
// in the reason, and no connection reaches the listener.
func TestRegistryPolicyOnResolvedAddress(t *testing.T) {
	f := newFixture(t)
	bad := newForbidden(t)
	var looked atomic.Int32
	v := f.verifier(verify.WithRegistryPolicy(verify.PublicRegistriesOnly), verify.WithLookup(toLoopback(&looked)),
		verify.WithRequestTimeout(5*time.Second))
	host := "registry.example.test:" + bad.port()
	res := run(t, v, verify.Target{Ref: host + "/mcp/a:latest", ExpectedCommit: pinA, Enforce: true})
	want{verdict: verify.VerdictFailed,
		checks: map[string]verify.Status{verify.CheckDigest: verify.StatusFail},
		reason: map[string]string{verify.CheckDigest: host + " resolves to 127.0.0.1: a loopback address (rule: a catalog from the network"}}.assert(t, res)
	if looked.Load() == 0 {
		t.Error("the test resolver was never asked; the name was resolved some other way")
	}
	if n := bad.accepted.Load(); n != 0 {
		t.Errorf("the forbidden listener accepted %d connections, want 0", n)
	}
}

// TestRegistryPolicyOnRedirectsAndRealms: a registry the policy allows
// redirects a manifest, or names a token realm, on this machine; neither is
// followed, the verdict is failed, and the forbidden listener sees nothing.
func TestRegistryPolicyOnRedirectsAndRealms(t *testing.T) {
	redirect := func(to func() string) verifytest.Middleware {
		return verifytest.Switch(verifytest.PathHasPrefix("/v2/mcp/a/manifests/"), verifytest.Always,
			http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to()+r.URL.Path, http.StatusFound) }))
	}
	realm := func(to func() string) verifytest.Middleware {
		return verifytest.RequireBearer("tok", func() string { return to() + "/token" })
	}
	tests := []struct {
		name   string
		mw     func(to func() string) verifytest.Middleware
		scheme string
		host   string // "" is 127.0.0.1; the port is the forbidden listener's
		reason string
	}{
		{"redirect to a loopback literal", redirect, "http", "", "127.0.0.1:%s: a loopback address"},
		{"redirect to localhost", redirect, "http", "localhost", "localhost:%s: a loopback address"},
		{"redirect to a name on loopback", redirect, "https", "cdn.example.test", "cdn.example.test:%s resolves to 127.0.0.1"},
		{"realm on a loopback literal", realm, "http", "", "127.0.0.1:%s: a loopback address"},
		{"realm on a name on loopback", realm, "https", "auth.example.test", "auth.example.test:%s resolves to 127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := newForbidden(t)
			host := tt.host
			if host == "" {
				host = "127.0.0.1"
			}
			to := func() string { return tt.scheme + "://" + host + ":" + bad.port() }
			f := newFixture(t, tt.mw(to))
			var looked atomic.Int32
			v := f.verifier(verify.WithRegistryPolicy(onlyThisLoopback(f.reg.Host)), verify.WithLookup(toLoopback(&looked)),
				verify.WithRequestTimeout(5*time.Second))
			res := run(t, v, f.target("a", pinA))
			want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckDigest: verify.StatusFail},
				reason: map[string]string{verify.CheckDigest: strings.Replace(tt.reason, "%s", bad.port(), 1)}}.assert(t, res)
			if n := bad.accepted.Load(); n != 0 {
				t.Errorf("the forbidden listener accepted %d connections, want 0", n)
			}
		})
	}
}

// TestRegistryPolicyAllowsWhatItAllows is the control: under the same
// policy and resolver, an allowed registry verifies, so the refusals above
// are the policy's doing.
func TestRegistryPolicyAllowsWhatItAllows(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	var looked atomic.Int32
	v := f.verifier(verify.WithRegistryPolicy(onlyThisLoopback(f.reg.Host)), verify.WithLookup(toLoopback(&looked)))
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, run(t, v, f.target("a", pinA)))
}

package verify

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// schemeFor returns the scheme for a registry host[:port]: plain HTTP only on
// loopback, HTTPS everywhere else (THREATS C16).
func schemeFor(hostport string) string {
	if imageref.IsLoopback(imageref.HostOnly(hostport)) {
		return "http"
	}
	return "https"
}

// canonicalHost gives host:port with the scheme's default port filled in, so
// hosts compare exactly.
func canonicalHost(scheme, hostport string) string {
	if _, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.ToLower(hostport)
	}
	port := "443"
	if scheme == "http" {
		port = "80"
	}
	return strings.ToLower(net.JoinHostPort(strings.Trim(hostport, "[]"), port))
}

// guard is the round tripper under every request the verifier sends, so
// every redirect hop and token realm passes it. It refuses plain HTTP to
// anything but loopback, applies the registry policy to the host's name,
// and removes Authorization from any request to a host that is not allowed
// credentials, whoever set it (THREATS C14).
type guard struct {
	inner   http.RoundTripper
	allowed func(scheme, hostport string) bool
	policy  func(registry string) error // nil: every host
}

func (g *guard) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "https" && !imageref.IsLoopback(req.URL.Hostname()) {
		return nil, fmt.Errorf("refusing plain %s to non-loopback host %s", req.URL.Scheme, req.URL.Host)
	}
	if g.policy != nil {
		if err := g.policy(req.URL.Host); err != nil {
			return nil, &PolicyError{Host: req.URL.Host, Err: err}
		}
	}
	if req.Header.Get("Authorization") != "" && !g.allowed(req.URL.Scheme, req.URL.Host) {
		req = req.Clone(req.Context())
		req.Header.Del("Authorization")
	}
	return g.inner.RoundTrip(req)
}

// authTransport adds the registry credential to requests for the registry
// host only; redirects to a blob CDN go without it.
type authTransport struct {
	inner http.RoundTripper
	host  string // canonical host:port of the registry

	mu     sync.RWMutex
	header string // the Authorization value, or ""
}

func (a *authTransport) set(h string) {
	a.mu.Lock()
	a.header = h
	a.mu.Unlock()
}

func (a *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	a.mu.RLock()
	h := a.header
	a.mu.RUnlock()
	if h != "" && canonicalHost(req.URL.Scheme, req.URL.Host) == a.host {
		req = req.Clone(req.Context())
		req.Header.Set("Authorization", h)
	}
	return a.inner.RoundTrip(req)
}

// maxRedirects bounds redirects on one request (blob fetches redirect to a
// CDN once).
const maxRedirects = 3

// checkRedirect stops long redirect chains; the guard checks each hop's
// scheme.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errors.New("too many redirects")
	}
	return nil
}

// knownRealm names the token service that lives on another host than its
// registry and may receive the registry's credentials. Docker Hub is the one
// case.
func knownRealm(registryHost string) string {
	switch registryHost {
	case "index.docker.io:443", "registry-1.docker.io:443":
		return "auth.docker.io:443"
	}
	return ""
}

// realmTrusted reports whether a token realm may receive the registry's
// credentials: it is on the registry host:port itself, or a known realm.
func realmTrusted(registryHost, realmScheme, realmHost string) bool {
	realm := canonicalHost(realmScheme, realmHost)
	return realm == registryHost || knownRealm(registryHost) == realm
}

// Connection pool sizes. verify --all runs up to 64 targets at once, each
// with up to WithConcurrency requests in flight, nearly all to one or two
// registries. http.DefaultTransport keeps 2 idle connections per host, so
// all but 2 of 16 parallel requests closed their connection and the next
// ones dialled again (a TCP and TLS handshake each: two more round trips
// on a real network). The pool keeps enough connections for the
// concurrency, and caps the connections to one registry so a run does not
// open hundreds.
const (
	maxConnsPerHost = 64
	maxIdleConns    = 256
)

// newHTTPTransport is http.DefaultTransport's configuration (proxy from the
// environment, HTTP/2, timeouts) with a pool sized for verify's
// concurrency. Every Verifier has its own, so its connections are reused
// across its targets.
func newHTTPTransport() *http.Transport {
	t := &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true, IdleConnTimeout: 90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second, ExpectContinueTimeout: time.Second}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		t = def.Clone()
	}
	t.MaxIdleConns = maxIdleConns
	t.MaxIdleConnsPerHost = maxConnsPerHost
	t.MaxConnsPerHost = maxConnsPerHost
	return t
}

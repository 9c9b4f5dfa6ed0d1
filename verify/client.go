package verify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

// client talks to one registry for one Verify: it holds that call's token.
type client struct {
	reg     name.Registry
	host    string // canonical host:port
	base    string // scheme://host
	http    *http.Client
	auth    *authTransport
	timeout time.Duration
	breaker *breaker

	mu      sync.Mutex
	secrets []string // credential values to redact from reasons

	// Lazy authentication: when the registry's challenge is not known yet,
	// the first request goes out without credentials and a 401 answer's
	// WWW-Authenticate challenge is used at once, which saves the separate
	// GET /v2/ round trip of a fresh process.
	lazy     *lazyAuth
	authOnce sync.Mutex
	authed   bool
}

// lazyAuth is what a client needs to authenticate on its first 401.
type lazyAuth struct {
	v     *Verifier
	repos []name.Repository
}

func (v *Verifier) newClient(reg name.Registry) *client {
	scheme := schemeFor(reg.RegistryStr())
	host := canonicalHost(scheme, reg.RegistryStr())
	g := &guard{inner: v.cfg.transport, policy: v.cfg.registryPolicy, allowed: func(s, h string) bool {
		ch := canonicalHost(s, h)
		return ch == host || knownRealm(host) == ch
	}}
	at := &authTransport{inner: g, host: host}
	return &client{
		reg:     reg,
		host:    host,
		base:    scheme + "://" + reg.RegistryStr(),
		http:    &http.Client{Transport: at, CheckRedirect: checkRedirect},
		auth:    at,
		timeout: v.cfg.timeout,
		breaker: v.breakerFor(host),
	}
}

func (c *client) setAuth(h string) { c.auth.set(h) }

func (c *client) addSecret(s string) {
	if len(s) < 4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.secrets = append(c.secrets, s)
}

func (c *client) addSecrets(cfg *authn.AuthConfig) {
	for _, s := range []string{cfg.Password, cfg.Auth, cfg.IdentityToken, cfg.RegistryToken} {
		c.addSecret(s)
	}
	if cfg.Username != "" || cfg.Password != "" {
		c.addSecret(basicValue(cfg))
	}
}

var userinfoRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`://[^/@\s]+@`) })

// redact removes credentials from a reason: URL userinfo and every secret
// this client has seen (THREATS C15).
func (c *client) redact(s string) string {
	s = userinfoRE().ReplaceAllString(s, "://[REDACTED]@")
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, sec := range c.secrets {
		s = strings.ReplaceAll(s, sec, "[REDACTED]")
	}
	return s
}

// do sends one request, unless the registry's circuit is open, and tells
// the breaker how it went. The caller bounds it with a context.
func (c *client) do(ctx context.Context, method, url string, hdr http.Header, body io.Reader) (*http.Response, error) {
	trial, err := c.breaker.allow()
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		c.breaker.record(ctx, nil, err, trial)
		return nil, err
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	resp, err := c.http.Do(req)
	c.breaker.record(ctx, resp, err, trial)
	return resp, err
}

// statusError is a registry answer other than 200.
type statusError struct {
	Code   int
	Status string
}

func (e *statusError) Error() string { return "registry answered " + e.Status }

// isNotFound reports whether err is a registry 404.
func isNotFound(err error) bool {
	var se *statusError
	return errors.As(err, &se) && se.Code == http.StatusNotFound
}

// fetched is one body read from the registry.
type fetched struct {
	body        []byte
	contentType string
	digest      string // sha256 of body, computed here
	headerDig   string // Docker-Content-Digest as the registry claimed it
}

// get reads what at path (relative to /v2/), capped at limit bytes, within
// the per-request timeout. Errors are *UndecidedError except a 404, which
// the caller classifies (see isNotFound).
func (c *client) get(ctx context.Context, path, accept string, limit int64) (*fetched, error) {
	ctx, cancel := c.withRequestTimeout(ctx)
	defer cancel()
	hdr := http.Header{}
	if accept != "" {
		hdr.Set("Accept", accept)
	}
	resp, err := c.do(ctx, http.MethodGet, c.base+"/v2/"+path, hdr, nil)
	if err == nil && resp.StatusCode == http.StatusUnauthorized && c.lazy != nil {
		resp, err = c.authenticateAndRetry(ctx, resp, http.MethodGet, path, hdr)
	}
	if err != nil {
		return nil, &UndecidedError{Err: timeoutErr(ctx, err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		se := &statusError{Code: resp.StatusCode, Status: resp.Status}
		if se.Code == http.StatusNotFound {
			return nil, se
		}
		return nil, &UndecidedError{Err: se}
	}
	if resp.ContentLength > limit {
		return nil, undecidedf("body of %d bytes exceeds the %s limit", resp.ContentLength, size(limit))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		c.breaker.record(ctx, nil, err, false)
		return nil, &UndecidedError{Err: fmt.Errorf("reading body: %w", timeoutErr(ctx, err))}
	}
	c.breaker.ok()
	if int64(len(body)) > limit {
		return nil, undecidedf("body exceeds the %s limit", size(limit))
	}
	sum := sha256.Sum256(body)
	return &fetched{
		body:        body,
		contentType: resp.Header.Get("Content-Type"),
		digest:      "sha256:" + hex.EncodeToString(sum[:]),
		headerDig:   resp.Header.Get("Docker-Content-Digest"),
	}, nil
}

// getByDigest reads a manifest or blob by digest and proves the bytes hash to
// it (THREATS C2).
func (c *client) getByDigest(ctx context.Context, repo name.Repository, kind, digest, accept string, limit int64) (*fetched, error) {
	f, err := c.get(ctx, repo.RepositoryStr()+"/"+kind+"/"+digest, accept, limit)
	if err != nil {
		return nil, err
	}
	if f.digest != digest {
		return nil, trustf("digest mismatch: asked for %s, content hashes to %s", digest, f.digest)
	}
	return f, nil
}

// size formats a byte limit: 4 MiB.
func size(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func asStatus(err error, se **statusError) bool { return errors.As(err, se) }

// authenticateAndRetry handles the first 401 of a lazily authenticated
// client: it authenticates with the challenge the registry just sent
// (once, whichever concurrent request gets there first) and repeats the
// request. A second 401 is the registry's answer.
func (c *client) authenticateAndRetry(ctx context.Context, resp *http.Response, method, path string, hdr http.Header) (*http.Response, error) {
	ch := parseChallenge(resp.Header.Get("WWW-Authenticate"))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, authBodyLimit))
	resp.Body.Close()
	c.authOnce.Lock()
	var err error
	if !c.authed {
		c.lazy.v.rememberChallenge(c.host, ch)
		err = c.lazy.v.authorizeWith(ctx, c, ch, c.lazy.repos)
		c.authed = err == nil
	}
	c.authOnce.Unlock()
	if err != nil {
		return nil, err
	}
	return c.do(ctx, method, c.base+"/v2/"+path, hdr, nil)
}

package verify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

// challenge is what GET /v2/ said about authentication.
type challenge struct {
	scheme string // "", "basic" or "bearer"
	params map[string]string
}

// ping asks the registry how to authenticate. Results are cached per
// registry for the Verifier's lifetime: one round trip per registry, not per
// image.
func (v *Verifier) ping(ctx context.Context, c *client) (*challenge, error) {
	v.mu.Lock()
	ch, ok := v.pings[c.host]
	v.mu.Unlock()
	if ok {
		return ch, nil
	}
	ctx, cancel := c.withRequestTimeout(ctx)
	defer cancel()
	resp, err := c.do(ctx, http.MethodGet, c.base+"/v2/", nil, nil)
	if err != nil {
		return nil, undecidedf("pinging registry %s: %w", c.reg.RegistryStr(), timeoutErr(ctx, err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, authBodyLimit))
	switch resp.StatusCode {
	case http.StatusOK:
		ch = &challenge{}
	case http.StatusUnauthorized:
		ch = parseChallenge(resp.Header.Get("WWW-Authenticate"))
	default:
		return nil, undecidedf("pinging registry %s: %s", c.reg.RegistryStr(), resp.Status)
	}
	v.mu.Lock()
	v.pings[c.host] = ch
	v.mu.Unlock()
	return ch, nil
}

// parseChallenge reads `Bearer realm="...",service="..."`.
func parseChallenge(h string) *challenge {
	scheme, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
	ch := &challenge{scheme: strings.ToLower(scheme), params: map[string]string{}}
	for rest != "" {
		var kv string
		rest = strings.TrimLeft(rest, " ,")
		if i := strings.IndexByte(rest, '='); i < 0 {
			break
		} else if key := strings.ToLower(strings.TrimSpace(rest[:i])); strings.HasPrefix(rest[i+1:], `"`) {
			val, after, _ := strings.Cut(rest[i+2:], `"`)
			ch.params[key], rest = val, after
		} else {
			kv, rest, _ = strings.Cut(rest[i+1:], ",")
			ch.params[key] = strings.TrimSpace(kv)
		}
	}
	return ch
}

// authorize sets up credentials for pulling repos from c's registry:
// nothing, Basic, or a Bearer token from the challenge's realm.
func (v *Verifier) authorize(ctx context.Context, c *client, repos []name.Repository) error {
	ch, err := v.ping(ctx, c)
	if err != nil {
		return err
	}
	return v.authorizeWith(ctx, c, ch, repos)
}

// authorizeLazily authenticates now when the registry's challenge is already
// known, and otherwise arms the client to authenticate on its first 401.
func (v *Verifier) authorizeLazily(ctx context.Context, c *client, repos []name.Repository) error {
	v.mu.Lock()
	_, known := v.pings[c.host]
	v.mu.Unlock()
	if known {
		return v.authorize(ctx, c, repos)
	}
	if guess := knownChallenge(c.host); guess != nil {
		return v.authorizeAhead(ctx, c, guess, repos)
	}
	c.lazy = &lazyAuth{v: v, repos: repos}
	return nil
}

// knownChallenge is the challenge a registry is known to send before it is
// asked: Docker Hub's, whose token service is its known realm.
func knownChallenge(registryHost string) *challenge {
	if knownRealm(registryHost) != "auth.docker.io:443" {
		return nil
	}
	return &challenge{scheme: "bearer", params: map[string]string{
		"realm": "https://auth.docker.io/token", "service": "registry.docker.io"}}
}

// authorizeAhead fetches the token for the registry's known challenge
// while an anonymous ping opens the connection to the registry (which the
// verify then reuses) and learns the challenge the registry really sends:
// a fresh process pays max(token, ping) before its first manifest instead
// of a 401 followed by the token. The token is kept only when the real
// challenge is the known one; otherwise authentication starts again from
// the real challenge, as authorize would.
func (v *Verifier) authorizeAhead(ctx context.Context, c *client, guess *challenge, repos []name.Repository) error {
	var guessErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		guessErr = v.authorizeWith(ctx, c, guess, repos)
	}()
	// A client of its own, so the ping never carries the token that may
	// arrive meanwhile (an authorised /v2/ would read as "no auth needed").
	ch, err := v.ping(ctx, v.newClient(c.reg))
	<-done
	if err != nil {
		return err
	}
	if sameChallenge(ch, guess) {
		return guessErr
	}
	c.setAuth("")
	return v.authorizeWith(ctx, c, ch, repos)
}

// sameChallenge reports whether two challenges name the same scheme, realm
// and service.
func sameChallenge(a, b *challenge) bool {
	return a.scheme == b.scheme && a.params["realm"] == b.params["realm"] && a.params["service"] == b.params["service"]
}

// rememberChallenge caches a challenge learnt from a 401, as ping would.
func (v *Verifier) rememberChallenge(host string, ch *challenge) {
	v.mu.Lock()
	v.pings[host] = ch
	v.mu.Unlock()
}

// authorizeWith sets up credentials for the challenge ch.
func (v *Verifier) authorizeWith(ctx context.Context, c *client, ch *challenge, repos []name.Repository) error {
	cfg, err := v.credentials(ctx, c.reg)
	if err != nil {
		return err
	}
	c.addSecrets(cfg)
	switch ch.scheme {
	case "":
		return nil
	case "basic":
		if cfg.Username != "" || cfg.Password != "" {
			c.setAuth("Basic " + basicValue(cfg))
		}
		return nil
	case "bearer":
		return v.bearer(ctx, c, ch, cfg, repos)
	}
	return undecidedf("authenticating to %s: unsupported challenge %q", c.reg.RegistryStr(), ch.scheme)
}

// credentials resolves the keychain's entry for the registry.
func (v *Verifier) credentials(ctx context.Context, reg name.Registry) (*authn.AuthConfig, error) {
	a, err := authn.Resolve(ctx, v.cfg.keychain, reg)
	if err != nil {
		return nil, undecidedf("resolving credentials for %s: %w", reg.RegistryStr(), err)
	}
	cfg, err := authn.Authorization(ctx, a)
	if err != nil {
		return nil, undecidedf("resolving credentials for %s: %w", reg.RegistryStr(), err)
	}
	if cfg.Auth != "" && cfg.Username == "" {
		if raw, err := base64.StdEncoding.DecodeString(cfg.Auth); err == nil {
			cfg.Username, cfg.Password, _ = strings.Cut(string(raw), ":")
		}
	}
	return cfg, nil
}

func basicValue(cfg *authn.AuthConfig) string {
	return base64.StdEncoding.EncodeToString([]byte(cfg.Username + ":" + cfg.Password))
}

// bearer fetches a pull token for repos. Credentials go to the realm only
// when it is on the registry host or is the registry's known token service;
// a foreign realm gets an anonymous request (THREATS C14).
func (v *Verifier) bearer(ctx context.Context, c *client, ch *challenge, cfg *authn.AuthConfig, repos []name.Repository) error {
	if cfg.RegistryToken != "" {
		c.setAuth("Bearer " + cfg.RegistryToken)
		return nil
	}
	realm, err := url.Parse(ch.params["realm"])
	if err != nil || realm.Host == "" {
		return undecidedf("authenticating to %s: bad token realm", c.reg.RegistryStr())
	}
	q := realm.Query()
	if svc := ch.params["service"]; svc != "" {
		q.Set("service", svc)
	}
	for _, r := range repos {
		q.Add("scope", "repository:"+r.RepositoryStr()+":pull")
	}
	realm.RawQuery = q.Encode()
	hdr := http.Header{}
	if realmTrusted(c.host, realm.Scheme, realm.Host) && (cfg.Username != "" || cfg.Password != "") {
		hdr.Set("Authorization", "Basic "+basicValue(cfg))
	}
	tok, err := c.token(ctx, realm.String(), hdr)
	if err != nil {
		return undecidedf("fetching token for %s: %w", c.reg.RegistryStr(), err)
	}
	c.addSecret(tok)
	c.setAuth("Bearer " + tok)
	return nil
}

// token GETs a token from the realm, reading at most authBodyLimit bytes.
// The response body is never quoted: it holds credentials.
func (c *client) token(ctx context.Context, realm string, hdr http.Header) (string, error) {
	ctx, cancel := c.withRequestTimeout(ctx)
	defer cancel()
	resp, err := c.do(ctx, http.MethodGet, realm, hdr, nil)
	if err != nil {
		return "", timeoutErr(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("token service answered %s", resp.Status)
	}
	var body struct {
		Token       string `json:"token"`
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, authBodyLimit)).Decode(&body); err != nil {
		return "", fmt.Errorf("reading token response: [body redacted: token response]")
	}
	if body.Token != "" {
		return body.Token, nil
	}
	if body.AccessToken != "" {
		return body.AccessToken, nil
	}
	return "", fmt.Errorf("token response has no token")
}

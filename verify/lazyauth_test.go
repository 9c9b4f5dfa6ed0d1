package verify_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// A registry that wants a bearer token: the first manifest request goes out
// without credentials, its 401 challenge is used at once (no /v2/ ping),
// and the request is repeated with the token.
func TestVerifyAuthenticatesOnFirstChallenge(t *testing.T) {
	tokens := &verifytest.TokenServer{Token: "tok-" + strings.Repeat("y", 8)}
	var self string
	var armed verifytest.Flag
	auth := verifytest.RequireBearer(tokens.Token, func() string { return self + "/token" })
	f := newFixture(t, verifytest.Mount("/token", tokens), func(h http.Handler) http.Handler {
		return verifytest.Switch(func(string) bool { return true }, armed.On, auth(h))(h)
	})
	self = f.reg.URL
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	armed.Set(true)
	rec := &verifytest.Recorder{}
	res := run(t, f.verifier(verify.WithTransport(rec)), f.target("a", pinA))
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
	calls := rec.Calls()
	var paths []string
	for _, c := range calls {
		paths = append(paths, c.Path)
		if c.Path == "/v2/" {
			t.Errorf("Verify pinged /v2/; it should learn the challenge from the first request")
		}
	}
	if len(paths) < 3 || paths[0] != "/v2/mcp/a/manifests/latest" || !strings.HasPrefix(paths[1], "/token") || paths[2] != "/v2/mcp/a/manifests/latest" {
		t.Errorf("first requests = %q, want manifest (401), token, manifest again", paths)
	}
	if n := len(tokens.Authorizations()); n != 1 {
		t.Errorf("token requests = %d, want 1 for the whole verify (concurrent 401s share one handshake)", n)
	}
}

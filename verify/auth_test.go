package verify_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

const sentinel = "SENTINEL-123-password"

// staticKeychain hands the same credentials to every registry.
type staticKeychain struct{}

func (staticKeychain) Resolve(authn.Resource) (authn.Authenticator, error) {
	return authn.FromConfig(authn.AuthConfig{Username: "alice", Password: sentinel}), nil
}

// TestVerifyCredentialsStayHome is THREATS C14/C15: a token realm on a
// foreign host gets no credentials; a realm on the registry host does; the
// password never appears in a result.
func TestVerifyCredentialsStayHome(t *testing.T) {
	tests := []struct {
		name      string
		sameHost  bool
		wantBasic bool
	}{
		{name: "foreign realm gets no credentials", sameHost: false, wantBasic: false},
		{name: "realm on the registry host gets them", sameHost: true, wantBasic: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokens := &verifytest.TokenServer{Token: "tok-" + strings.Repeat("x", 8)}
			foreign := httptest.NewServer(tokens) // another port: another host
			t.Cleanup(foreign.Close)
			var self atomic.Value
			realm := func() string {
				if tt.sameHost {
					return self.Load().(string) + "/token"
				}
				return foreign.URL + "/token"
			}
			var armed verifytest.Flag
			auth := verifytest.RequireBearer(tokens.Token, realm)
			f := newFixture(t, verifytest.Mount("/token", tokens), func(h http.Handler) http.Handler {
				return verifytest.Switch(func(string) bool { return true }, armed.On, auth(h))(h)
			})
			self.Store(f.reg.URL)
			d := f.push("a", pinA)
			f.sign("a", d, pinA)
			armed.Set(true)
			rec := &verifytest.Recorder{}
			v := f.verifier(verify.WithKeychain(staticKeychain{}), verify.WithTransport(rec))
			res := run(t, v, f.target("a", pinA))
			want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
			if res.Digest != d {
				t.Errorf("Verify digest = %s, want %s", res.Digest, d)
			}
			auths := tokens.Authorizations()
			gotBasic := false
			for _, a := range auths {
				gotBasic = gotBasic || strings.HasPrefix(a, "Basic ")
			}
			if gotBasic != tt.wantBasic {
				t.Errorf("token service received Basic credentials = %v (%q), want %v", gotBasic, auths, tt.wantBasic)
			}
			for _, c := range rec.Calls() {
				if c.Host != f.reg.Host && c.Authorization != "" {
					t.Errorf("request to %s carried Authorization, want none off the registry host", c.URL)
				}
			}
			js, _ := json.Marshal(res)
			if strings.Contains(string(js), sentinel) || strings.Contains(string(js), tokens.Token) {
				t.Errorf("result JSON contains a credential: %s", js)
			}
		})
	}
}

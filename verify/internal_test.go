package verify

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
)

func TestSchemeFor(t *testing.T) {
	tests := []struct{ host, want string }{
		{"127.0.0.1:5000", "http"}, {"localhost:5000", "http"}, {"[::1]:5000", "http"},
		{"10.0.0.1:5000", "https"}, {"registry.local:5000", "https"}, {"index.docker.io", "https"},
	}
	for _, tt := range tests {
		if got := schemeFor(tt.host); got != tt.want {
			t.Errorf("schemeFor(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}

// refuseAll is a round tripper that must never be reached.
type refuseAll struct{ t *testing.T }

func (r refuseAll) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("request to %s reached the network, want it refused", req.URL)
	return nil, http.ErrUseLastResponse
}

// TestGuardRefusesPlainHTTP is THREATS C16: plain HTTP to anything but
// loopback never leaves the process.
func TestGuardRefusesPlainHTTP(t *testing.T) {
	g := &guard{inner: refuseAll{t}, allowed: func(string, string) bool { return true }}
	for _, u := range []string{"http://10.0.0.1:5000/v2/", "http://registry.example/v2/", "http://172.17.0.1/v2/"} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		if _, err := g.RoundTrip(req); err == nil {
			t.Errorf("guard.RoundTrip(%s) = nil error, want refusal", u)
		}
	}
}

// recordAuth records the Authorization header it is given.
type recordAuth struct{ got string }

func (r *recordAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	r.got = req.Header.Get("Authorization")
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

func TestGuardStripsForeignAuthorization(t *testing.T) {
	rec := &recordAuth{}
	g := &guard{inner: rec, allowed: func(s, h string) bool { return canonicalHost(s, h) == "127.0.0.1:5000" }}
	tests := []struct {
		url  string
		want string
	}{
		{"http://127.0.0.1:5000/v2/", "Basic x"},
		{"http://127.0.0.1:5001/token", ""},
		{"http://127.0.0.2:5000/token", ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
		req.Header.Set("Authorization", "Basic x")
		if _, err := g.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if rec.got != tt.want {
			t.Errorf("guard.RoundTrip(%s) sent Authorization %q, want %q", tt.url, rec.got, tt.want)
		}
	}
}

func TestRealmTrusted(t *testing.T) {
	tests := []struct {
		reg, scheme, realm string
		want               bool
	}{
		{"127.0.0.1:5000", "http", "127.0.0.1:5000", true},
		{"127.0.0.1:5000", "http", "127.0.0.1:5001", false},
		{"127.0.0.1:5000", "http", "127.0.0.2:5000", false},
		{"index.docker.io:443", "https", "auth.docker.io", true},
		{"ghcr.io:443", "https", "ghcr.io", true},
		{"ghcr.io:443", "https", "auth.docker.io", false},
	}
	for _, tt := range tests {
		if got := realmTrusted(tt.reg, tt.scheme, tt.realm); got != tt.want {
			t.Errorf("realmTrusted(%q, %q, %q) = %v, want %v", tt.reg, tt.scheme, tt.realm, got, tt.want)
		}
	}
}

func TestParseChallenge(t *testing.T) {
	ch := parseChallenge(`Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:mcp/x:pull"`)
	if ch.scheme != "bearer" || ch.params["realm"] != "https://auth.docker.io/token" ||
		ch.params["service"] != "registry.docker.io" || ch.params["scope"] != "repository:mcp/x:pull" {
		t.Errorf("parseChallenge(docker hub) = %+v", ch)
	}
	if ch := parseChallenge(`Basic realm=registry`); ch.scheme != "basic" || ch.params["realm"] != "registry" {
		t.Errorf("parseChallenge(basic) = %+v", ch)
	}
}

func TestRedact(t *testing.T) {
	c := &client{}
	c.addSecrets(&authn.AuthConfig{Username: "alice", Password: "SENTINEL-123"})
	got := c.redact(`Get "https://alice:SENTINEL-123@host/v2/": bad; token SENTINEL-123; ` + basicValue(&authn.AuthConfig{Username: "alice", Password: "SENTINEL-123"}))
	for _, bad := range []string{"SENTINEL-123", "alice:", "YWxpY2U6"} {
		if strings.Contains(got, bad) {
			t.Errorf("redact(...) = %q, still contains %q", got, bad)
		}
	}
}

func TestVerdictOf(t *testing.T) {
	c := func(name string, s Status) Check { return Check{Name: name, Status: s} }
	tests := []struct {
		name   string
		checks []Check
		tlog   bool
		want   Verdict
	}{
		{"all pass", []Check{c(CheckPin, StatusPass), c(CheckTlog, StatusPass)}, false, VerdictVerified},
		{"fail beats error", []Check{c(CheckDigest, StatusError), c(CheckSignature, StatusFail)}, false, VerdictFailed},
		{"error beats skip", []Check{c(CheckPin, StatusSkip), c(CheckSignature, StatusError)}, false, VerdictUndecided},
		{"skip is not enforceable", []Check{c(CheckPin, StatusSkip), c(CheckDigest, StatusPass)}, false, VerdictNotEnforceable},
		{"ignored tlog still verifies", []Check{c(CheckPin, StatusPass), c(CheckTlog, StatusSkip)}, true, VerdictVerified},
		{"skipped tlog without the flag does not", []Check{c(CheckPin, StatusPass), c(CheckTlog, StatusSkip)}, false, VerdictNotEnforceable},
	}
	for _, tt := range tests {
		if got := verdictOf(tt.checks, tt.tlog); got != tt.want {
			t.Errorf("verdictOf(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestEmbeddedKeys: the keys parse, and the embedded Rekor key is the one
// the embedded trusted root lists.
func TestEmbeddedKeys(t *testing.T) {
	if _, err := parseKey(DockerMCPKey()); err != nil {
		t.Errorf("parseKey(DockerMCPKey()) = %v", err)
	}
	rk, err := parseKey(RekorPublicGoodKey())
	if err != nil {
		t.Fatalf("parseKey(RekorPublicGoodKey()) = %v", err)
	}
	tr, err := root.NewTrustedRootFromJSON(SigstoreTrustedRoot())
	if err != nil {
		t.Fatalf("parsing embedded trusted root: %v", err)
	}
	found := false
	for _, l := range tr.RekorLogs() {
		found = found || cryptoutils.EqualKeys(l.PublicKey, rk) == nil
	}
	if !found {
		t.Errorf("embedded trusted root does not list the embedded Rekor key")
	}
	DockerMCPKey()[0] = 'X' // callers get copies
	if DockerMCPKey()[0] == 'X' {
		t.Errorf("DockerMCPKey() returned shared bytes, want a copy")
	}
}

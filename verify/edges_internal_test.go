package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// The edges below were unpinned: a mutation run (make mutate) changed each
// and every other test still passed.

// The client newClient builds lets Authorization reach only the registry
// itself and, for Docker Hub, its known token service (THREATS C14). The
// requests end in a recorder: nothing leaves the process, no name is looked
// up.
func TestNewClientAuthorizationHosts(t *testing.T) {
	tests := []struct {
		registry, url string
		kept          bool
	}{
		{"index.docker.io", "https://index.docker.io/v2/", true},
		{"index.docker.io", "https://auth.docker.io/token", true},
		{"index.docker.io", "https://auth.docker.io.evil.example/token", false},
		{"index.docker.io", "https://evil.example/token", false},
		{"127.0.0.1:5000", "http://127.0.0.1:5000/v2/", true},
		{"127.0.0.1:5000", "http://127.0.0.1:5001/token", false},
		{"127.0.0.1:5000", "https://auth.docker.io/token", false},
	}
	for _, tt := range tests {
		rec := &recordAuth{}
		v, err := New(WithTransport(rec))
		if err != nil {
			t.Fatal(err)
		}
		reg, err := name.NewRegistry(tt.registry)
		if err != nil {
			t.Fatal(err)
		}
		c := v.newClient(reg)
		req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
		req.Header.Set("Authorization", "Basic SENTINEL")
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatalf("%s via %s: %v", tt.url, tt.registry, err)
		}
		resp.Body.Close()
		if kept := rec.got == "Basic SENTINEL"; kept != tt.kept {
			t.Errorf("client for %s sent Authorization %q to %s, want kept=%v", tt.registry, rec.got, tt.url, tt.kept)
		}
	}
}

// redact replaces exactly the secrets, leaves the rest of the reason as it
// was, ignores empty and very short values (under 4 bytes: redacting "ab"
// everywhere would garble every reason) and redacts the Basic value for a
// user or a password alone.
func TestRedactExact(t *testing.T) {
	tests := []struct {
		cfg      authn.AuthConfig
		in, want string
	}{
		{authn.AuthConfig{Username: "alice", Password: "SENTINEL-123"},
			`token SENTINEL-123 (user alice)`, `token [REDACTED] (user alice)`},
		{authn.AuthConfig{Username: "bob", Password: "wxyz"}, `pw wxyz`, `pw [REDACTED]`},
		{authn.AuthConfig{Username: "bob", Password: "xyz"}, `pw xyz`, `pw xyz`},
		{authn.AuthConfig{Username: "carol"}, `basic ` + basicValue(&authn.AuthConfig{Username: "carol"}), `basic [REDACTED]`},
		{authn.AuthConfig{Password: "p4ss-only"}, `basic ` + basicValue(&authn.AuthConfig{Password: "p4ss-only"}), `basic [REDACTED]`},
	}
	for _, tt := range tests {
		c := &client{}
		c.addSecrets(&tt.cfg)
		if got := c.redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) with %+v = %q, want %q", tt.in, tt.cfg, got, tt.want)
		}
	}
}

// Only a 4xx other than 429 means "this registry has no referrers API" (and
// the tag scheme is used instead); a 5xx or a rate limit is an error that
// leaves the signature undecided.
func TestNoReferrersAPIEdges(t *testing.T) {
	for code, want := range map[int]bool{399: false, 400: true, 404: true, 429: false, 499: true, 500: false, 503: false} {
		err := fmt.Errorf("listing referrers: %w", &statusError{Code: code, Status: http.StatusText(code)})
		if got := noReferrersAPI(err); got != want {
			t.Errorf("noReferrersAPI(HTTP %d) = %v, want %v", code, got, want)
		}
	}
	if noReferrersAPI(errors.New("connection reset")) {
		t.Error("noReferrersAPI(a network error) = true, want false")
	}
}

// client.get takes a body of exactly limit bytes and refuses one byte more,
// whether the registry announces the length or streams it (THREATS C10); a
// 404 stays a plain *statusError (the caller's "not found") and any other
// status is undecided. The server is on loopback.
func TestClientGetLimitEdges(t *testing.T) {
	const limit = 1000
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, chunked := limit, strings.Contains(r.URL.Path, "chunked")
		if strings.Contains(r.URL.Path, "over") {
			n++
		}
		if strings.Contains(r.URL.Path, "missing") {
			http.NotFound(w, r)
			return
		}
		if strings.Contains(r.URL.Path, "broken") {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		if !chunked {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		_, _ = w.Write([]byte(strings.Repeat("x", n)))
	}))
	t.Cleanup(srv.Close)
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := name.NewRegistry(strings.TrimPrefix(srv.URL, "http://"), name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	c := v.newClient(reg)
	for _, path := range []string{"at", "at/chunked"} {
		if f, err := c.get(context.Background(), path, "", limit); err != nil || len(f.body) != limit {
			t.Errorf("get(%s, %d-byte body) = %v; want the body", path, limit, err)
		}
	}
	for _, path := range []string{"over", "over/chunked"} {
		var ue *UndecidedError
		if _, err := c.get(context.Background(), path, "", limit); !errors.As(err, &ue) || !strings.Contains(err.Error(), "limit") {
			t.Errorf("get(%s, %d-byte body) = %v; want an *UndecidedError naming the limit", path, limit+1, err)
		}
	}
	var ue *UndecidedError
	if _, err := c.get(context.Background(), "missing", "", limit); !isNotFound(err) || errors.As(err, &ue) {
		t.Errorf("get(404) = %v (%T); want a bare 404 *statusError", err, err)
	}
	if _, err := c.get(context.Background(), "broken", "", limit); !errors.As(err, &ue) || isNotFound(err) {
		t.Errorf("get(502) = %v (%T); want an *UndecidedError", err, err)
	}
}

// Only a buildx attestation entry (annotated, or platform unknown/unknown)
// is skipped by the label check: an entry with one real half of a platform
// is runnable and is checked.
func TestIsAttestationEdges(t *testing.T) {
	plat := func(os, arch string) *v1.Platform { return &v1.Platform{OS: os, Architecture: arch} }
	tests := []struct {
		name string
		d    v1.Descriptor
		want bool
	}{
		{"annotated", v1.Descriptor{Annotations: map[string]string{"vnd.docker.reference.type": "attestation-manifest"}, Platform: plat("linux", "amd64")}, true},
		{"unknown/unknown", v1.Descriptor{Platform: plat("unknown", "unknown")}, true},
		{"linux/amd64", v1.Descriptor{Platform: plat("linux", "amd64")}, false},
		{"unknown/amd64", v1.Descriptor{Platform: plat("unknown", "amd64")}, false},
		{"linux/unknown", v1.Descriptor{Platform: plat("linux", "unknown")}, false},
		{"no platform", v1.Descriptor{}, false},
		{"other annotation", v1.Descriptor{Annotations: map[string]string{"vnd.docker.reference.type": "sbom"}, Platform: plat("linux", "arm64")}, false},
	}
	for _, tt := range tests {
		if got := isAttestation(tt.d); got != tt.want {
			t.Errorf("isAttestation(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// --platform linux/arm64 also matches its variants; a full triple matches
// only itself.
func TestPlatformMatchesEdges(t *testing.T) {
	p := &v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}
	for want, ok := range map[string]bool{"linux/arm64": true, "linux/arm64/v8": true, "linux/arm64/v7": false, "linux/arm": false, "linux/amd64": false, "linux": false} {
		if got := platformMatches(p, want); got != ok {
			t.Errorf("platformMatches(linux/arm64/v8, %q) = %v, want %v", want, got, ok)
		}
	}
	if platformMatches(nil, "linux/amd64") {
		t.Error("platformMatches(nil platform) = true, want false")
	}
}

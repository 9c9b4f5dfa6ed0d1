package verify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
)

func TestDefaultSignatureRepo(t *testing.T) {
	tests := []struct {
		ref, env, want string
	}{
		{ref: "mcp/github:latest", want: "index.docker.io/mcp/signatures"},
		{ref: "docker.io/mcp/github", want: "index.docker.io/mcp/signatures"},
		{ref: "index.docker.io/mcp/github@sha256:" + strings.Repeat("a", 64), want: "index.docker.io/mcp/signatures"},
		{ref: "127.0.0.1:5000/mcp/x:1", want: "127.0.0.1:5000/mcp/signatures"},
		{ref: "mcp/github", env: "evil/sigs", want: "evil/sigs"},
		{ref: "acme/server:1.0", want: ""},
		{ref: "ghcr.io/acme/mcp:1", want: ""},
		{ref: "not a ref", want: ""},
	}
	for _, tt := range tests {
		if got := verify.DefaultSignatureRepo(tt.ref, tt.env); got != tt.want {
			t.Errorf("DefaultSignatureRepo(%q, %q) = %q, want %q", tt.ref, tt.env, got, tt.want)
		}
	}
}

// TestVerifyInputErrors: only an invalid Target is an error, and it is an
// *InputError; nothing is fetched.
func TestVerifyInputErrors(t *testing.T) {
	d := "sha256:" + strings.Repeat("a", 64)
	tests := []struct {
		name string
		tg   verify.Target
		want string
	}{
		{name: "empty ref", tg: verify.Target{}, want: "image reference"},
		{name: "bad ref", tg: verify.Target{Ref: "UPPER/Case:x"}, want: "image reference"},
		{name: "short digest", tg: verify.Target{Ref: "mcp/a@sha256:abc"}, want: "image reference"},
		{name: "bad catalog digest", tg: verify.Target{Ref: "mcp/a", CatalogDigest: "sha256:ABC"}, want: "catalog digest"},
		{name: "digests disagree", tg: verify.Target{Ref: "mcp/a@" + d, CatalogDigest: "sha256:" + strings.Repeat("b", 64)}, want: "differs"},
		{name: "bad signature repo", tg: verify.Target{Ref: "mcp/a", SignatureRepo: "::"}, want: "signature repository"},
		{name: "bad expected repo", tg: verify.Target{Ref: "mcp/a", ExpectedRepo: "A B"}, want: "expected repository"},
	}
	v, err := verify.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := v.Verify(context.Background(), tt.tg)
			var ie *verify.InputError
			if !errors.As(err, &ie) || res != nil {
				t.Fatalf("Verify(%+v) = %v, %v; want nil and an *InputError", tt.tg, res, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Verify(%+v) error = %q, want it to mention %q", tt.tg, err, tt.want)
			}
		})
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  verify.Option
	}{
		{"key that is not PEM", verify.WithKey([]byte("nope"))},
		{"no rekor keys", verify.WithRekorKeys()},
		{"bad trusted root", verify.WithTrustedRoot([]byte("{"))},
		{"nil keychain", verify.WithKeychain(nil)},
		{"nil transport", verify.WithTransport(nil)},
		{"bad platform", verify.WithPlatform("linux")},
		{"zero timeout", verify.WithRequestTimeout(0)},
		{"negative limit", verify.WithLimits(verify.Limits{Signatures: -1})},
		{"zero concurrency", verify.WithConcurrency(0)},
	}
	for _, tt := range tests {
		if v, err := verify.New(tt.opt); err == nil || v != nil {
			t.Errorf("New(%s) = %v, %v; want an error", tt.name, v, err)
		}
	}
}

// TestVerifySignatureRepository: signatures of an mcp/* image are read from
// mcp/signatures on the same registry, an override is honoured, and a
// publisher image's signatures are read beside it (C9: the repository is
// visible in the request log).
func TestVerifySignatureRepository(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	tests := []struct {
		name    string
		tg      verify.Target
		wantGet string
	}{
		{name: "mcp image default", tg: f.target("a", pinA), wantGet: "/v2/mcp/signatures/manifests/sha256-"},
		{name: "override", tg: func() verify.Target {
			tg := f.target("a", pinA)
			tg.SignatureRepo = f.reg.Host + "/evil/sigs"
			return tg
		}(),
			wantGet: "/v2/evil/sigs/manifests/sha256-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.reg.Log().Reset()
			run(t, f.verifier(), tt.tg)
			found := false
			for _, r := range f.reg.Log().Requests() {
				found = found || strings.Contains(r, tt.wantGet)
			}
			if !found {
				t.Errorf("Verify(%s) requests = %q, want one for %s", tt.tg.Ref, f.reg.Log().Requests(), tt.wantGet)
			}
		})
	}
}

// TestVerifyPublisherSignedInOwnRepo: a non-mcp image is looked up in its
// own repository and can verify when signed with the given key.
func TestVerifyPublisherSignedInOwnRepo(t *testing.T) {
	f := newFixture(t)
	ref := f.reg.Host + "/acme/server"
	d := f.push("x", pinA) // any image; copy it to acme/server
	if err := copyRef(f.repo("x")+":latest", ref+":1.0"); err != nil {
		t.Fatal(err)
	}
	if err := f.key.SignImage(ref, ref, d, pinA, f.rekor); err != nil {
		t.Fatal(err)
	}
	res := run(t, f.verifier(), verify.Target{Ref: ref + ":1.0", ExpectedCommit: pinA})
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
}

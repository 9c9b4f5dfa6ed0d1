package verify_test

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestSignatureRepositoryIdentity is issue 16 item 1: each case signs the
// right digest and revision with the right key and differs from a valid
// signature in exactly one thing, the repository it names (or how it spells
// it), so only the identity check can decide it.
func TestSignatureRepositoryIdentity(t *testing.T) {
	tests := []struct {
		name     string
		expected string // Target.ExpectedRepo; "" is the image's own repository
		signed   func(f *fixture) string
		ok       bool
	}{
		{"same repository", "", func(f *fixture) string { return f.repo("a") }, true},
		{"same repository with a tag", "", func(f *fixture) string { return f.repo("a") + ":latest" }, true},
		{"same path on another registry host", "", func(*fixture) string { return "ghcr.io/mcp/a" }, false},
		{"same path on another port of this host", "", func(*fixture) string { return "127.0.0.1:1/mcp/a" }, false},
		{"same path on Docker Hub", "", func(*fixture) string { return "mcp/a" }, false},
		{"another path on the same host", "", func(f *fixture) string { return f.repo("b") }, false},
		{"a longer path on the same host", "", func(f *fixture) string { return f.repo("a") + "/x" }, false},
		{"no reference", "", func(*fixture) string { return "" }, false},
		{"Docker Hub: short name for short name", "mcp/a", func(*fixture) string { return "mcp/a" }, true},
		{"Docker Hub: docker.io for short name", "mcp/a", func(*fixture) string { return "docker.io/mcp/a" }, true},
		{"Docker Hub: index.docker.io for short name", "mcp/a", func(*fixture) string { return "index.docker.io/mcp/a" }, true},
		{"Docker Hub: short name for index.docker.io", "index.docker.io/mcp/a", func(*fixture) string { return "mcp/a" }, true},
		{"Docker Hub: docker.io for index.docker.io", "index.docker.io/mcp/a", func(*fixture) string { return "docker.io/mcp/a" }, true},
		{"Docker Hub: another path", "mcp/a", func(*fixture) string { return "docker.io/mcp/b" }, false},
		{"Docker Hub: another namespace", "mcp/a", func(*fixture) string { return "docker.io/library/a" }, false},
		{"Docker Hub: same path on another host", "mcp/a", func(*fixture) string { return "ghcr.io/mcp/a" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.push("a", pinA)
			f.pushSigs(d, f.newSig(verifytest.Claims{Digest: d, Reference: tt.signed(f), Revision: pinA}))
			tg := f.target("a", pinA)
			tg.ExpectedRepo = tt.expected
			w := want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}
			if !tt.ok {
				w = want{verdict: verify.VerdictFailed,
					checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusPass, verify.CheckSignature: verify.StatusFail},
					reason: map[string]string{verify.CheckSignature: "identity mismatch"}}
			}
			w.assert(t, run(t, f.verifier(), tg))
		})
	}
}

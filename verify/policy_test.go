package verify_test

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
)

func TestPublicRegistriesOnly(t *testing.T) {
	tests := []struct {
		registry string
		ok       bool
	}{
		{"index.docker.io", true},
		{"ghcr.io", true},
		{"8.8.8.8", true}, // public literal: allowed (nothing is dialled here)
		{"localhost:5000", false},
		{"registry.localhost", false},
		{"127.0.0.1:5000", false},
		{"[::1]:5000", false},
		{"10.1.2.3", false},
		{"192.168.1.10:443", false},
		{"172.20.0.2", false},
		{"169.254.169.254", false},
		{"[fe80::1]", false},
		{"0.0.0.0", false},
	}
	for _, tt := range tests {
		if err := verify.PublicRegistriesOnly(tt.registry); (err == nil) != tt.ok {
			t.Errorf("PublicRegistriesOnly(%s) = %v, want ok=%v", tt.registry, err, tt.ok)
		}
	}
}

// A refused registry fails the digest check and is never contacted.
func TestRegistryPolicyRefusesWithoutRequests(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	f.reg.Log().Reset()
	v := f.verifier(verify.WithRegistryPolicy(verify.PublicRegistriesOnly))
	res := run(t, v, f.target("a", pinA))
	if res.Verdict != verify.VerdictFailed || res.Check(verify.CheckDigest).Status != verify.StatusFail {
		t.Errorf("Verify with a loopback registry under PublicRegistriesOnly = %s / %+v, want failed digest", res.Verdict, res.Check(verify.CheckDigest))
	}
	if reqs := f.reg.Log().Requests(); len(reqs) != 0 {
		t.Errorf("the refused registry received %d requests: %v", len(reqs), reqs)
	}
}

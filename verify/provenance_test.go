package verify_test

import (
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

const (
	sourceRepo  = "https://github.com/acme/a"
	otherDigest = "sha256:9999999999999999999999999999999999999999999999999999999999999999"
)

// stmt renders a provenance statement for subject naming uri at commit.
func stmt(t testing.TB, pt, subject, uri, commit string, mats ...verifytest.Material) verifytest.AttestationLayer {
	t.Helper()
	b, err := verifytest.Statement(verifytest.Provenance{PredicateType: pt, Subject: subject, SourceURI: uri, SourceCommit: commit, Materials: mats})
	if err != nil {
		t.Fatal(err)
	}
	return verifytest.AttestationLayer{PredicateType: pt, Body: b}
}

// attested pushes an index of one linux/amd64 platform labelled pinA and
// the attestations layers makes for its digest.
func (f *fixture) attested(n string, layers func(platform string) []verifytest.Attestation) (string, []string) {
	f.t.Helper()
	d, ds, err := verifytest.PushAttestedIndex(f.repo(n)+":latest", platforms(pinA),
		func(ds []string) ([]verifytest.Attestation, error) { return layers(ds[0]), nil })
	if err != nil {
		f.t.Fatal(err)
	}
	return d, ds
}

// one is a single attestation of platform 0 with the given layers.
func one(layers ...verifytest.AttestationLayer) []verifytest.Attestation {
	return []verifytest.Attestation{{Of: 0, Layers: layers}}
}

// TestVerifyProvenance builds real BuildKit attestation manifests and
// in-toto statements of both SLSA versions in the loopback registry.
func TestVerifyProvenance(t *testing.T) {
	v02, v1 := verifytest.SLSAProvenanceV02, verifytest.SLSAProvenanceV1
	signed := func(mk func(t testing.TB, p string) []verifytest.Attestation) func(f *fixture) verify.Target {
		return func(f *fixture) verify.Target {
			d, _ := f.attested("a", func(p string) []verifytest.Attestation { return mk(f.t, p) })
			f.sign("a", d, pinA)
			return f.target("a", pinA)
		}
	}
	tests := []struct {
		name    string
		setup   func(f *fixture) verify.Target
		opts    []verify.Option
		verdict verify.Verdict
		status  verify.Status
		reason  string
	}{
		{name: "v0.2 match passes, covered by the signature", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, "https://github.com/acme/a.git#refs/heads/main", pinA))
		}), verdict: verify.VerdictVerified, status: verify.StatusPass, reason: "counts only because the signature that passed covers index"},
		{name: "v1 match passes", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v1, p, "git@github.com:Acme/A.git", pinA))
		}), verdict: verify.VerdictVerified, status: verify.StatusPass, reason: "built from " + sourceRepo + " at " + pinA},
		{name: "v0.2 material names the repository at the pin", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, "", "", verifytest.Material{URI: "https://github.com/acme/a.git#main", SHA1: pinA}))
		}), verdict: verify.VerdictVerified, status: verify.StatusPass, reason: "materials[0]"},
		{name: "mismatched commit fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, sourceRepo, pinB))
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: `invocation.configSource.digest.sha1 is "` + pinB + `", catalog pins ` + pinA},
		{name: "mismatched repository fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v1, p, "https://github.com/evil/a", pinA))
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: `buildDefinition.externalParameters.configSource.uri is "https://github.com/evil/a"`},
		{name: "v1 dependency on the repository at another commit fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v1, p, sourceRepo, pinA, verifytest.Material{URI: sourceRepo + ".git", SHA1: pinB}))
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: "buildDefinition.resolvedDependencies[0].digest.sha1"},
		{name: "one of two statements mismatched fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, sourceRepo, pinA), stmt(t, v1, p, sourceRepo, pinB))
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: pinB},
		{name: "attestation for another platform digest is ignored", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return []verifytest.Attestation{{RefDigest: otherDigest, Layers: []verifytest.AttestationLayer{stmt(t, v02, otherDigest, sourceRepo, pinA)}}}
		}), verdict: verify.VerdictVerified, status: verify.StatusSkip, reason: "no attestation for this platform"},
		{name: "statement for another subject fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, otherDigest, sourceRepo, pinA))
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: "statement subject does not name"},
		{name: "malformed statement fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(verifytest.AttestationLayer{PredicateType: v02, Body: []byte(`{"_type": "https://in-toto.io/Statement/v0.1", "predicate": [`)})
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: "parsing in-toto statement"},
		{name: "predicate type differing from the annotation fails", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			l := stmt(t, v02, p, sourceRepo, pinA)
			l.PredicateType = v1
			return one(l)
		}), verdict: verify.VerdictFailed, status: verify.StatusFail, reason: "differs from the layer's"},
		{name: "local-context build names no git source", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, "", ""))
		}), verdict: verify.VerdictVerified, status: verify.StatusSkip, reason: "names no commit of " + sourceRepo},
		{name: "SBOM only is no provenance", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(verifytest.AttestationLayer{PredicateType: verifytest.SPDXPredicate, Body: []byte(`{}`)})
		}), verdict: verify.VerdictVerified, status: verify.StatusSkip, reason: "no SLSA provenance"},
		{name: "oversize statement is not read", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, sourceRepo, pinA))
		}), opts: []verify.Option{verify.WithLimits(verify.Limits{AttestationBytes: 64})},
			verdict: verify.VerdictVerified, status: verify.StatusSkip, reason: "exceeds the 64 bytes limit"},
		{name: "too many attestation layers are not read", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, sourceRepo, pinA), stmt(t, v1, p, sourceRepo, pinA))
		}), opts: []verify.Option{verify.WithLimits(verify.Limits{AttestationLayers: 1})},
			verdict: verify.VerdictVerified, status: verify.StatusSkip, reason: "has 2 layers, limit 1"},
		{name: "too many attestation layers fail under --require-provenance", setup: signed(func(t testing.TB, p string) []verifytest.Attestation {
			return one(stmt(t, v02, p, sourceRepo, pinA), stmt(t, v1, p, sourceRepo, pinA))
		}), opts: []verify.Option{verify.WithLimits(verify.Limits{AttestationLayers: 1}), verify.WithRequireProvenance()},
			verdict: verify.VerdictUndecided, status: verify.StatusError, reason: "has 2 layers, limit 1"},
		{name: "index that is not the signed digest is not covered", setup: func(f *fixture) verify.Target {
			_, ds := f.attested("a", func(p string) []verifytest.Attestation { return one(stmt(f.t, v02, p, sourceRepo, pinA)) })
			f.sign("a", ds[0], pinA) // the platform manifest is signed, not the index
			return f.target("a", pinA)
		}, verdict: verify.VerdictFailed, status: verify.StatusSkip, reason: "not covered: BuildKit attestations are unsigned"},
		{name: "index without attestations is a skip", setup: func(f *fixture) verify.Target {
			d, _ := f.pushIndex("a", platforms(pinA), false)
			f.sign("a", d, pinA)
			return f.target("a", pinA)
		}, verdict: verify.VerdictVerified, status: verify.StatusSkip, reason: "no attestation"},
		{name: "a skip fails under --require-provenance", setup: func(f *fixture) verify.Target {
			d := f.push("a", pinA)
			f.sign("a", d, pinA)
			return f.target("a", pinA)
		}, opts: []verify.Option{verify.WithRequireProvenance()},
			verdict: verify.VerdictFailed, status: verify.StatusFail, reason: "provenance required (--require-provenance): no attestation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tg := tt.setup(f)
			tg.SourceRepo = sourceRepo
			res := run(t, f.verifier(tt.opts...), tg)
			want{verdict: tt.verdict, checks: map[string]verify.Status{verify.CheckProvenance: tt.status},
				reason: map[string]string{verify.CheckProvenance: tt.reason}}.assert(t, res)
			if c := res.Checks[len(res.Checks)-1]; c.Name != verify.CheckProvenance {
				t.Errorf("last check = %s, want provenance after tlog", c.Name)
			}
		})
	}
}

// TestVerifyProvenanceNeedsCatalogSource: without the catalog's repository
// nothing is compared, and the attestation is not fetched: the same image
// with the repository costs exactly two more requests (attestation manifest
// and statement).
func TestVerifyProvenanceNeedsCatalogSource(t *testing.T) {
	f := newFixture(t)
	d, _ := f.attested("a", func(p string) []verifytest.Attestation {
		return one(stmt(t, verifytest.SLSAProvenanceV02, p, sourceRepo, pinA))
	})
	f.sign("a", d, pinA)
	without, with := &verifytest.Recorder{}, &verifytest.Recorder{}
	res := run(t, f.verifier(verify.WithTransport(without)), f.target("a", pinA))
	want{verdict: verify.VerdictVerified, checks: map[string]verify.Status{verify.CheckProvenance: verify.StatusSkip},
		reason: map[string]string{verify.CheckProvenance: "no catalog source repository"}}.assert(t, res)
	tg := f.target("a", pinA)
	tg.SourceRepo = sourceRepo
	res = run(t, f.verifier(verify.WithTransport(with)), tg)
	want{verdict: verify.VerdictVerified, checks: map[string]verify.Status{verify.CheckProvenance: verify.StatusPass}}.assert(t, res)
	if a, b := len(without.Calls()), len(with.Calls()); b != a+2 {
		t.Errorf("requests without source = %d, with = %d, want exactly 2 more with\n%s", a, b, callList(with.Calls()))
	}
}

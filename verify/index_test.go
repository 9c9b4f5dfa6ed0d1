package verify_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

func platforms(revs ...string) []verifytest.Platform {
	arches := []string{"amd64", "arm64", "s390x", "ppc64le"}
	ps := make([]verifytest.Platform, len(revs))
	for i, r := range revs {
		ps[i] = verifytest.Platform{OS: "linux", Arch: arches[i%len(arches)], Labels: verifytest.Revision(r)}
	}
	return ps
}

// pushIndex pushes an index to host/mcp/<n>:latest and returns its digest
// and its platform digests.
func (f *fixture) pushIndex(n string, ps []verifytest.Platform, attestation bool) (string, []string) {
	f.t.Helper()
	d, ds, err := verifytest.PushIndex(f.repo(n)+":latest", ps, attestation)
	if err != nil {
		f.t.Fatal(err)
	}
	return d, ds
}

// TestVerifyIndex is THREATS C11: multi-platform images.
func TestVerifyIndex(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture) verify.Target
		opts  []verify.Option
		want  want
	}{
		{
			name: "index all good",
			setup: func(f *fixture) verify.Target {
				d, _ := f.pushIndex("a", platforms(pinA, pinA), true)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass),
				reason: map[string]string{verify.CheckRevisionLabel: "on 2 platforms"}},
		},
		{
			name: "one platform's label wrong is named",
			setup: func(f *fixture) verify.Target {
				d, _ := f.pushIndex("a", platforms(pinA, pinB), true)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail, verify.CheckSignature: verify.StatusPass},
				reason: map[string]string{verify.CheckRevisionLabel: `linux/arm64: built from "` + pinB + `"`}},
		},
		{
			name: "one platform without label",
			setup: func(f *fixture) verify.Target {
				ps := platforms(pinA, pinA)
				ps[1].Labels = nil
				d, _ := f.pushIndex("a", ps, false)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail},
				reason: map[string]string{verify.CheckRevisionLabel: "linux/arm64: no revision label"}},
		},
		{
			name: "index of index rejected",
			setup: func(f *fixture) verify.Target {
				d, err := verifytest.PushNestedIndex(f.repo("a")+":latest", platforms(pinA))
				if err != nil {
					f.t.Fatal(err)
				}
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail},
				reason: map[string]string{verify.CheckRevisionLabel: "nested index rejected"}},
		},
		{
			name: "signature only on a platform manifest",
			setup: func(f *fixture) verify.Target {
				_, ds := f.pushIndex("a", platforms(pinA, pinA), false)
				f.sign("a", ds[0], pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusPass, verify.CheckSignature: verify.StatusFail},
				reason: map[string]string{verify.CheckSignature: "no signatures"}},
		},
		{
			name: "only the requested platform is checked",
			setup: func(f *fixture) verify.Target {
				d, _ := f.pushIndex("a", platforms(pinA, pinB), false)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			opts: []verify.Option{verify.WithPlatform("linux/amd64")},
			want: want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)},
		},
		{
			name: "a requested platform missing from the index fails",
			setup: func(f *fixture) verify.Target {
				d, _ := f.pushIndex("a", platforms(pinA, pinA), false)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			opts: []verify.Option{verify.WithPlatform("windows/amd64")},
			want: want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail},
				reason: map[string]string{verify.CheckRevisionLabel: "platform windows/amd64 not in index"}},
		},
		{
			name: "index with 65 entries exceeds the limit",
			setup: func(f *fixture) verify.Target {
				revs := make([]string, 65)
				for i := range revs {
					revs[i] = pinA
				}
				d, _ := f.pushIndex("a", platforms(revs...), false)
				f.sign("a", d, pinA)
				return f.target("a", pinA)
			},
			want: want{verdict: verify.VerdictUndecided,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusError},
				reason: map[string]string{verify.CheckRevisionLabel: "index has 65 entries, limit 64"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tg := tt.setup(f)
			res := run(t, f.verifier(tt.opts...), tg)
			tt.want.assert(t, res)
			if testing.Verbose() {
				t.Log("\n" + dump(res))
			}
		})
	}
}

// TestVerifyIndexSkipsAttestation: an attestation manifest with a bogus
// config label is listed as skipped and never fetched.
func TestVerifyIndexSkipsAttestation(t *testing.T) {
	f := newFixture(t)
	d, ds := f.pushIndex("a", platforms(pinA, pinA), true)
	f.sign("a", d, pinA)
	f.reg.Log().Reset()
	res := run(t, f.verifier(), f.target("a", pinA))
	want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}.assert(t, res)
	label := res.Check(verify.CheckRevisionLabel)
	var skipped []string
	for _, dt := range label.Detail {
		if dt.Status == verify.StatusSkip {
			skipped = append(skipped, fmt.Sprintf("%s %s", dt.Subject, dt.Reason))
		}
	}
	if len(skipped) != 1 || skipped[0] != "unknown/unknown attestation manifest" {
		t.Errorf("Verify(index).revision-label skipped = %q, want [unknown/unknown attestation manifest]", skipped)
	}
	for _, req := range f.reg.Log().Requests() {
		if strings.Contains(req, "/manifests/") && !strings.Contains(req, "latest") && !strings.Contains(req, ".sig") &&
			!strings.Contains(req, ds[0]) && !strings.Contains(req, ds[1]) {
			t.Errorf("Verify(index) requested %s, want only the runnable platforms' manifests", req)
		}
	}
}

// TestVerifyPlatformOfSingleImage is issue 9 item 9: --platform on an image
// that is not an index compares the platform its config declares.
func TestVerifyPlatformOfSingleImage(t *testing.T) {
	tests := []struct {
		name     string
		variant  string // of the pushed linux/arm64 image
		platform string
		want     want
	}{
		{"same platform passes", "", "linux/arm64",
			want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}},
		{"os/arch matches any variant", "v8", "linux/arm64",
			want{verdict: verify.VerdictVerified, checks: all(verify.StatusPass)}},
		{"another architecture fails", "", "linux/amd64",
			want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail, verify.CheckSignature: verify.StatusPass},
				reason: map[string]string{verify.CheckRevisionLabel: "image is linux/arm64, not the requested platform linux/amd64"}}},
		{"another variant fails", "v8", "linux/arm64/v7",
			want{verdict: verify.VerdictFailed,
				checks: map[string]verify.Status{verify.CheckRevisionLabel: verify.StatusFail},
				reason: map[string]string{verify.CheckRevisionLabel: "not the requested platform linux/arm64/v7"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d, err := verifytest.PushImage(f.repo("a")+":latest",
				verifytest.Platform{OS: "linux", Arch: "arm64", Variant: tt.variant, Labels: verifytest.Revision(pinA)})
			if err != nil {
				t.Fatal(err)
			}
			f.sign("a", d, pinA)
			res := run(t, f.verifier(verify.WithPlatform(tt.platform)), f.target("a", pinA))
			tt.want.assert(t, res)
		})
	}
}

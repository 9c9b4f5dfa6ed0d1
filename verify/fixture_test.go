package verify_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// Pins used across tests.
const (
	pinA   = "1111111111111111111111111111111111111111"
	pinB   = "2222222222222222222222222222222222222222"
	pinOld = "0000000000000000000000000000000000000000"
)

// fixture is a loopback registry with a signing key and a test Rekor log.
type fixture struct {
	t     testing.TB
	reg   *verifytest.Registry
	key   *verifytest.Key
	rekor *verifytest.Rekor
}

func newFixture(t testing.TB, mw ...verifytest.Middleware) *fixture {
	t.Helper()
	reg := verifytest.NewRegistry(mw...)
	t.Cleanup(reg.Close)
	key, err := verifytest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	rekor, err := verifytest.NewRekor()
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, reg: reg, key: key, rekor: rekor}
}

// repo is host/mcp/<n>.
func (f *fixture) repo(n string) string { return f.reg.Host + "/mcp/" + n }

func (f *fixture) sigRepo() string { return f.reg.Host + "/mcp/signatures" }

// verifier trusts the fixture's key and log, with no credentials.
func (f *fixture) verifier(opts ...verify.Option) *verify.Verifier {
	f.t.Helper()
	base := []verify.Option{
		verify.WithKey(f.key.PublicPEM()),
		verify.WithRekorKeys(f.rekor.PublicPEM()),
		verify.WithKeychain(authn.NewMultiKeychain()),
	}
	v, err := verify.New(append(base, opts...)...)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// push pushes a single-platform image labelled with revision (none when
// empty) to host/mcp/<n>:latest.
func (f *fixture) push(n, revision string) string {
	f.t.Helper()
	p := verifytest.Platform{}
	if revision != "" {
		p.Labels = verifytest.Revision(revision)
	}
	d, err := verifytest.PushImage(f.repo(n)+":latest", p)
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

// sign signs digest as host/mcp/<n> at revision, with a Rekor bundle.
func (f *fixture) sign(n, digest, revision string) {
	f.t.Helper()
	if err := f.key.SignImage(f.sigRepo(), f.repo(n), digest, revision, f.rekor); err != nil {
		f.t.Fatal(err)
	}
}

// pushSigs replaces the signatures of digest.
func (f *fixture) pushSigs(digest string, sigs ...verifytest.Sig) {
	f.t.Helper()
	if err := verifytest.PushSignatures(f.sigRepo(), digest, sigs); err != nil {
		f.t.Fatal(err)
	}
}

// newSig signs claims with the fixture key and log.
func (f *fixture) newSig(c verifytest.Claims) verifytest.Sig {
	f.t.Helper()
	s, err := f.key.NewSig(c, f.rekor)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

// target is an enforced target for host/mcp/<n>:latest pinned to pin.
func (f *fixture) target(n, pin string) verify.Target {
	return verify.Target{Name: n, Ref: f.repo(n) + ":latest", ExpectedCommit: pin, Enforce: true}
}

func run(t testing.TB, v *verify.Verifier, tg verify.Target) *verify.Result {
	t.Helper()
	res, err := v.Verify(context.Background(), tg)
	if err != nil {
		t.Fatalf("Verify(%s) error = %v, want a result", tg.Ref, err)
	}
	return res
}

// want describes the expected outcome: a verdict, and for some checks a
// status and a substring of the reason.
type want struct {
	verdict verify.Verdict
	checks  map[string]verify.Status
	reason  map[string]string
}

func (w want) assert(t testing.TB, res *verify.Result) {
	t.Helper()
	if res.Verdict != w.verdict {
		t.Errorf("Verify(%s).Verdict = %s, want %s\n%s", res.Target.Ref, res.Verdict, w.verdict, dump(res))
	}
	for name, st := range w.checks {
		c := res.Check(name)
		if c == nil {
			t.Errorf("Verify(%s) has no %s check", res.Target.Ref, name)
			continue
		}
		if c.Status != st {
			t.Errorf("Verify(%s) check %s = %s (%s), want %s", res.Target.Ref, name, c.Status, c.Reason, st)
		}
	}
	for name, sub := range w.reason {
		if c := res.Check(name); c == nil || !strings.Contains(c.Reason, sub) {
			t.Errorf("Verify(%s) check %s reason = %q, want it to contain %q", res.Target.Ref, name, reasonOf(c), sub)
		}
	}
}

func reasonOf(c *verify.Check) string {
	if c == nil {
		return "<no check>"
	}
	return c.Reason
}

func dump(res *verify.Result) string {
	var b strings.Builder
	for _, c := range res.Checks {
		b.WriteString("  " + c.Name + ": " + string(c.Status) + ": " + c.Reason + "\n")
		for _, d := range c.Detail {
			b.WriteString("    " + d.Subject + ": " + string(d.Status) + ": " + d.Reason + "\n")
		}
	}
	return b.String()
}

// all is a checks map with every check at one status.
func all(st verify.Status) map[string]verify.Status {
	return map[string]verify.Status{
		verify.CheckPin: st, verify.CheckDigest: st, verify.CheckRevisionLabel: st,
		verify.CheckSignature: st, verify.CheckTlog: st,
	}
}

func copyRef(src, dst string) error { return verifytest.Copy(src, dst) }

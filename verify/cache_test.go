package verify_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// cached verifies tg with a fresh Verifier on the cache dir (a new process)
// and returns the result and the requests it sent.
func (f *fixture) cached(t *testing.T, dir string, tg verify.Target, opts ...verify.Option) (*verify.Result, []verifytest.Call) {
	t.Helper()
	rec := &verifytest.Recorder{}
	res := run(t, f.verifier(append([]verify.Option{verify.WithCache(verify.NewDirCache(dir)), verify.WithTransport(rec)}, opts...)...), tg)
	return res, rec.Calls()
}

// TestVerifyCacheHit: a warm run costs a read of the tag (a HEAD when the
// digest is pinned, else a GET whose bytes give the digest) and a HEAD of
// the signature tag, together (one round trip), and returns the same
// checks: with a pinned digest the signature's tag is known, and without
// one the digest last verified for the target is the guess.
func TestVerifyCacheHit(t *testing.T) {
	for _, pinned := range []bool{false, true} {
		// The delay makes overlap measurable: Depth reads request timings.
		f := newFixture(t, verifytest.Delay(20*time.Millisecond))
		d := f.push("a", pinA)
		f.sign("a", d, pinA)
		tg := f.target("a", pinA)
		if pinned {
			tg.CatalogDigest = d
		}
		dir := t.TempDir()
		cold, _ := f.cached(t, dir, tg)
		warm, calls := f.cached(t, dir, tg)
		want{verdict: verify.VerdictVerified}.assert(t, warm)
		if cold.Facts.Cached || !warm.Facts.Cached {
			t.Errorf("pinned=%v: Cached cold=%v warm=%v, want false then true", pinned, cold.Facts.Cached, warm.Facts.Cached)
		}
		if !reflect.DeepEqual(cold.Checks, warm.Checks) || warm.Digest != d || warm.Facts.SignerKey != cold.Facts.SignerKey {
			t.Errorf("pinned=%v: warm result differs from the verified one\ncold:\n%s\nwarm:\n%s", pinned, dump(cold), dump(warm))
		}
		tagMethod := "GET"
		if pinned {
			tagMethod = "HEAD"
		}
		methods := map[string]string{}
		for _, c := range calls {
			methods[c.Path] = c.Method
		}
		if len(calls) != 2 || methods["/v2/mcp/a/manifests/latest"] != tagMethod || verifytest.Depth(calls) != 1 {
			t.Errorf("pinned=%v: warm run sent\n%s want %s of the tag and HEAD of the signature in 1 round trip", pinned, callList(calls), tagMethod)
		}
	}
}

// TestVerifyCacheMisses: a cached verdict never outlives its inputs.
func TestVerifyCacheMisses(t *testing.T) {
	other, err := verifytest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		change  func(f *fixture, tg *verify.Target, d string) []verify.Option
		verdict verify.Verdict
	}{
		{"new signature", func(f *fixture, _ *verify.Target, d string) []verify.Option {
			f.sign("a", d, pinA) // a fresh signature: a new .sig manifest digest
			return nil
		}, verify.VerdictVerified},
		{"new pin", func(_ *fixture, tg *verify.Target, _ string) []verify.Option {
			tg.ExpectedCommit = pinB
			return nil
		}, verify.VerdictFailed},
		{"new key", func(_ *fixture, _ *verify.Target, _ string) []verify.Option {
			return []verify.Option{verify.WithKey(other.PublicPEM())}
		}, verify.VerdictFailed},
		{"new rekor key", func(_ *fixture, _ *verify.Target, _ string) []verify.Option {
			return []verify.Option{verify.WithRekorKeys(other.PublicPEM())}
		}, verify.VerdictFailed},
		{"tlog now skipped", func(_ *fixture, _ *verify.Target, _ string) []verify.Option {
			return []verify.Option{verify.WithInsecureIgnoreTlog()}
		}, verify.VerdictVerified},
		{"tag moved", func(f *fixture, _ *verify.Target, _ string) []verify.Option {
			f.sign("a", f.push("a", pinA), pinA)
			return nil
		}, verify.VerdictVerified},
		{"corrupt entry", func(_ *fixture, _ *verify.Target, _ string) []verify.Option {
			return nil
		}, verify.VerdictVerified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.push("a", pinA)
			f.sign("a", d, pinA)
			tg := f.target("a", pinA)
			dir := t.TempDir()
			f.cached(t, dir, tg)
			if tt.name == "corrupt entry" {
				ents, _ := filepath.Glob(filepath.Join(dir, "*.json"))
				for _, e := range ents {
					if err := os.WriteFile(e, []byte(`{"result": {"verdict": "verified"`), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			opts := tt.change(f, &tg, d)
			res, _ := f.cached(t, dir, tg, opts...)
			if res.Facts.Cached {
				t.Errorf("after %s the result came from the cache", tt.name)
			}
			want{verdict: tt.verdict}.assert(t, res)
		})
	}
}

// TestVerifyCacheStoresOnlyVerified: a failed verdict is never cached.
func TestVerifyCacheStoresOnlyVerified(t *testing.T) {
	f := newFixture(t)
	f.push("a", pinA) // never signed
	dir := t.TempDir()
	for range 2 {
		res, _ := f.cached(t, dir, f.target("a", pinA))
		want{verdict: verify.VerdictFailed}.assert(t, res)
	}
	if ents, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(ents) != 0 {
		t.Errorf("cache holds %d entries after failed verifications, want 0", len(ents))
	}
}

// TestVerifyCacheColdCost: with an empty cache a verify costs no request
// more than without a cache: a pinned digest is looked up before any
// request, and the manifest the cache check reads by tag is the one the
// verify then checks.
func TestVerifyCacheColdCost(t *testing.T) {
	for _, pinned := range []bool{true, false} {
		f := newFixture(t)
		d := f.push("a", pinA)
		f.sign("a", d, pinA)
		tg := f.target("a", pinA)
		if pinned {
			tg.CatalogDigest = d
		}
		rec := &verifytest.Recorder{}
		run(t, f.verifier(verify.WithTransport(rec)), tg)
		_, calls := f.cached(t, t.TempDir(), tg)
		if len(calls) != len(rec.Calls()) {
			t.Errorf("pinned=%v: cold run with a cache sent %d requests, without %d; want as many\n%s", pinned, len(calls), len(rec.Calls()), callList(calls))
		}
	}
}

// TestVerifyCacheTagMovedBetweenCachedDigests: when the tag no longer
// resolves to the digest last verified (the guess) but to another cached
// one, the guessed signature HEAD is wasted and the right one follows: a
// hit for the tag's digest in two round trips, never the guess's verdict.
func TestVerifyCacheTagMovedBetweenCachedDigests(t *testing.T) {
	f := newFixture(t, verifytest.Delay(20*time.Millisecond))
	d0 := f.push("a", pinA)
	f.sign("a", d0, pinA)
	tg := f.target("a", pinA)
	dir := t.TempDir()
	f.cached(t, dir, tg) // caches d0
	d1 := f.push("a", pinA)
	f.sign("a", d1, pinA)
	f.cached(t, dir, tg) // caches d1, now the guess
	if err := verifytest.Copy(f.repo("a")+"@"+d0, f.repo("a")+":latest"); err != nil {
		t.Fatal(err)
	}
	res, calls := f.cached(t, dir, tg)
	if !res.Facts.Cached || res.Digest != d0 || res.Verdict != verify.VerdictVerified {
		t.Errorf("tag back at d0: cached=%v digest %s verdict %s, want the cached d0 (%s)", res.Facts.Cached, res.Digest, res.Verdict, d0)
	}
	if len(calls) != 3 || verifytest.Depth(calls) != 2 {
		t.Errorf("tag moved to another cached digest: sent\n%s want 3 requests (tag, guessed and actual signature) in 2 round trips", callList(calls))
	}
}

// TestVerifyCachePreparedAhead: a verify with a cache creates the cache
// directory and its MAC key while its requests are out (prepare), and is
// over with them when it returns: a failed verify leaves the key and
// nothing else, a verified one the key and its entries, never a temporary
// file; the entries written under the prepared key are hits.
func TestVerifyCachePreparedAhead(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	f.push("b", pinA) // never signed
	listing := func(dir string) []string {
		t.Helper()
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			name := e.Name()
			if strings.HasSuffix(name, ".json") {
				name = "*.json"
			}
			out = append(out, name)
		}
		return out
	}
	dir := filepath.Join(t.TempDir(), "verdicts") // missing: prepare creates it
	res, _ := f.cached(t, dir, f.target("b", pinA))
	want{verdict: verify.VerdictFailed}.assert(t, res)
	if got := listing(dir); !slices.Equal(got, []string{"verdicts.key"}) {
		t.Errorf("after a failed verify the cache holds %q, want only the MAC key", got)
	}
	res, _ = f.cached(t, dir, f.target("a", pinA))
	want{verdict: verify.VerdictVerified}.assert(t, res)
	if got := listing(dir); !slices.Equal(got, []string{"*.json", "*.json", "verdicts.key"}) {
		t.Errorf("after a verified run the cache holds %q, want two entries (digest and tag) and the key", got)
	}
	if res, _ := f.cached(t, dir, f.target("a", pinA)); !res.Facts.Cached {
		t.Errorf("the entry written under the prepared key was not a hit\n%s", dump(res))
	}
}

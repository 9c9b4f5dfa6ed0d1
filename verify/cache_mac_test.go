package verify_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// anEntry returns a cache entry file in dir (a tag's verified result is
// stored twice, under its digest and as the tag's guess: the same data).
func anEntry(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(m) == 0 {
		t.Fatalf("%s holds no entries", dir)
	}
	return m[0]
}

// TestVerifyCacheForgedEntry: an entry this machine did not write is a miss
// and the image is verified in full. The image is signed only by an
// attacker's key; the planted entry (a real verified entry, made by a
// verifier that trusts the attacker's key, at the cache key the victim
// computes) would make it "verified" if it were believed.
func TestVerifyCacheForgedEntry(t *testing.T) {
	attacker, err := verifytest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		forge func(sealed []byte) []byte
	}{
		{"copied from another machine", func(sealed []byte) []byte { return sealed }},
		{"hand-written JSON", func(sealed []byte) []byte { _, data, _ := bytes.Cut(sealed, []byte("\n")); return data }},
		{"MAC flipped", func(sealed []byte) []byte {
			out := bytes.Clone(sealed)
			out[0] ^= 1
			return out
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.push("a", pinA)
			if err := attacker.SignImage(f.sigRepo(), f.repo("a"), d, pinA, f.rekor); err != nil {
				t.Fatal(err)
			}
			tg := f.target("a", pinA)
			elsewhere := t.TempDir()
			if res, _ := f.cached(t, elsewhere, tg, verify.WithKey(attacker.PublicPEM())); res.Verdict != verify.VerdictVerified {
				t.Fatalf("under the attacker's key: %s, want verified\n%s", res.Verdict, dump(res))
			}
			sealed, err := os.ReadFile(anEntry(t, elsewhere))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			f.sign("b", f.push("b", pinA), pinA)
			if res, _ := f.cached(t, dir, f.target("b", pinA)); res.Verdict != verify.VerdictVerified {
				t.Fatalf("b: %s, want verified (so this machine's key exists)", res.Verdict)
			}
			for _, digest := range []string{d, ""} { // the digest's entry and the tag's guess
				key, err := verify.CacheKeyFor(f.verifier(), tg, digest)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, key+".json"), tt.forge(sealed), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			res, calls := f.cached(t, dir, tg)
			if res.Facts.Cached || len(calls) <= 2 {
				t.Errorf("the forged entry was used: cached=%v after %d requests\n%s", res.Facts.Cached, len(calls), callList(calls))
			}
			want{verdict: verify.VerdictFailed, checks: map[string]verify.Status{verify.CheckSignature: verify.StatusFail}}.assert(t, res)
		})
	}
}

// TestVerifyCacheMACKey: the key is created on first use, 0600; a corrupt
// key means no hit and a new key, under which the next run hits again.
func TestVerifyCacheMACKey(t *testing.T) {
	f := newFixture(t)
	d := f.push("a", pinA)
	f.sign("a", d, pinA)
	tg := f.target("a", pinA)
	dir := t.TempDir()
	f.cached(t, dir, tg)
	keyPath := filepath.Join(dir, "verdicts.key")
	fi, err := os.Lstat(keyPath)
	if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() != 32 {
		t.Fatalf("key file: %v, err %v; want 32 bytes, mode 0600", fi, err)
	}
	if res, _ := f.cached(t, dir, tg); !res.Facts.Cached {
		t.Fatal("warm run under the key missed")
	}
	old, _ := os.ReadFile(keyPath)
	for _, corrupt := range [][]byte{old[:31], append(bytes.Clone(old), 0)} {
		if err := os.WriteFile(keyPath, corrupt, 0o600); err != nil {
			t.Fatal(err)
		}
		if res, _ := f.cached(t, dir, tg); res.Facts.Cached || res.Verdict != verify.VerdictVerified {
			t.Errorf("with a corrupt key (%d bytes): cached=%v verdict %s, want a full verification", len(corrupt), res.Facts.Cached, res.Verdict)
		}
		if k, _ := os.ReadFile(keyPath); len(k) != 32 || bytes.Equal(k, old) {
			t.Errorf("after a corrupt key the key file holds %d bytes (same as before: %v), want a new 32-byte key", len(k), bytes.Equal(k, old))
		}
		if res, _ := f.cached(t, dir, tg); !res.Facts.Cached {
			t.Error("the run after a new key was made missed")
		}
	}
	if err := os.Chmod(keyPath, 0o644); err != nil {
		t.Fatal(err)
	}
	if res, _ := f.cached(t, dir, tg); res.Facts.Cached {
		t.Error("a key readable by others was trusted")
	}
}

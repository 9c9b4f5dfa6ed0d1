package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// lockArgs runs cmd (lock or verify) against the signed world with the
// lock file at path.
func (w *signedWorld) lockArgs(cmd, path string, extra ...string) []string {
	return append([]string{cmd, "--catalog", w.catalog, "--key", w.key, "--rekor-key", w.rekor, "--lock", path}, extra...)
}

// rugPull replaces mcp/good:latest with another image, validly signed at the
// same pin: what a compromised pipeline or registry account could publish.
func (w *signedWorld) rugPull(t *testing.T) string {
	t.Helper()
	d, err := w.reg.PushSigned("good", pinA, w.sc.Key, w.sc.Rekor)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func readLockFile(t *testing.T, path string) *lock.File {
	t.Helper()
	lf, err := lock.Read(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return lf
}

func TestLockWritesVerifiedServer(t *testing.T) {
	w := newSignedWorld(t)
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	r := runCommand(t, false, w.lockArgs("lock", path, "good")...)
	if ExitCode(r.err) != ExitOK || !strings.Contains(r.stdout, "locked 1 server in") || !strings.Contains(r.stdout, "NEW      good") {
		t.Fatalf("lock good: exit %d (%v)\n%s%s", ExitCode(r.err), r.err, r.stdout, r.stderr)
	}
	e, ok := readLockFile(t, path).Servers["good"]
	switch {
	case !ok:
		t.Fatal("lock file has no entry for good")
	case e.Image != w.reg.Host+"/mcp/good" || e.Pin != pinA || e.Source != "https://github.com/example/good" || e.Catalog != w.catalog:
		t.Errorf("entry = %+v", e)
	case !strings.HasPrefix(e.Digest, "sha256:") || e.SignerKey != "sha256:"+w.sc.Key.LogID():
		t.Errorf("entry digest %q signer %q, want the verified digest and the key's fingerprint", e.Digest, e.SignerKey)
	case e.RekorLogIndex == nil || !e.LockedAt.Equal(fixedNow.UTC().Truncate(1e9)):
		t.Errorf("entry log index %v, locked at %v", e.RekorLogIndex, e.LockedAt)
	}
}

// TestLockRefusesUnverified: nothing that does not verify is locked, and a
// refused run writes nothing at all.
func TestLockRefusesUnverified(t *testing.T) {
	w := newSignedWorld(t)
	for _, args := range [][]string{{"unsigned"}, {"relabelled"}, {"--all"}} {
		path := filepath.Join(t.TempDir(), "mcptrust.lock")
		r := runCommand(t, false, w.lockArgs("lock", path, args...)...)
		if ExitCode(r.err) != ExitTrust || !strings.Contains(r.stdout, "NOT VERIFIED") {
			t.Errorf("lock %v: exit %d (%v), want %d and NOT VERIFIED\n%s", args, ExitCode(r.err), r.err, ExitTrust, r.stdout)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("lock %v wrote %s (stat error %v), want nothing written", args, path, err)
		}
	}
}

// TestLockDetectsChange: after a rug pull, lock --check, verify --locked and
// a plain lock fail with the diff and write nothing; lock --update takes the
// new digest, and then --check passes again.
func TestLockDetectsChange(t *testing.T) {
	w := newSignedWorld(t)
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	if r := runCommand(t, false, w.lockArgs("lock", path, "good")...); r.err != nil {
		t.Fatalf("lock good: %v\n%s", r.err, r.stdout)
	}
	if r := runCommand(t, false, w.lockArgs("lock", path, "--check")...); r.err != nil || !strings.Contains(r.stdout, "1 server match") {
		t.Fatalf("lock --check before any change: %v\n%s", r.err, r.stdout)
	}
	old := readLockFile(t, path).Servers["good"].Digest
	before, _ := os.ReadFile(path)
	d := w.rugPull(t)
	wantDiff := "digest      " + old + " -> " + d
	for _, tt := range []struct {
		args []string
		out  func(result) string
	}{
		{w.lockArgs("lock", path, "--check"), func(r result) string { return r.stdout }},
		{w.lockArgs("lock", path, "good"), func(r result) string { return r.stdout }},
		{w.lockArgs("verify", path, "--locked", "good"), func(r result) string { return r.stderr }},
		// --lock PATH alone implies --locked: a named lock file is never ignored.
		{w.lockArgs("verify", path, "good"), func(r result) string { return r.stderr }},
	} {
		r := runCommand(t, false, tt.args...)
		if ExitCode(r.err) != ExitTrust || !strings.Contains(tt.out(r), "CHANGED  good") || !strings.Contains(tt.out(r), wantDiff) {
			t.Errorf("%v after the image changed: exit %d (%v), want %d and the diff %q\nstdout:\n%s\nstderr:\n%s", tt.args, ExitCode(r.err), r.err, ExitTrust, wantDiff, r.stdout, r.stderr)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a failed check changed the lock file")
	}
	r := runCommand(t, false, w.lockArgs("lock", path, "--update")...)
	if r.err != nil || !strings.Contains(r.stdout, wantDiff) || !strings.Contains(r.stdout, "updated 1 server") {
		t.Fatalf("lock --update: %v\n%s", r.err, r.stdout)
	}
	if got := readLockFile(t, path).Servers["good"].Digest; got != d {
		t.Errorf("after --update the locked digest = %s, want %s", got, d)
	}
	if r := runCommand(t, false, w.lockArgs("verify", path, "--locked", "good")...); r.err != nil {
		t.Errorf("verify --locked after --update: %v\n%s", r.err, r.stderr)
	}
}

// TestLockNewServerIsNews: a server that is not locked is reported, not
// failed.
func TestLockNewServerIsNews(t *testing.T) {
	w := newSignedWorld(t)
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	if err := lock.Write(path, lock.New()); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{w.lockArgs("lock", path, "--check", "good"), w.lockArgs("verify", path, "--locked", "good")} {
		r := runCommand(t, false, args...)
		if r.err != nil || !strings.Contains(r.stdout+r.stderr, "NEW      good (not in "+path+")") {
			t.Errorf("%v with good not locked: %v, want success and NEW\n%s%s", args[:1], r.err, r.stdout, r.stderr)
		}
	}
}

// TestLockBadLockFile: a malformed or missing lock file is bad input (exit
// 2) naming the file, before anything is verified.
func TestLockBadLockFile(t *testing.T) {
	w := newSignedWorld(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.lock")
	if err := os.WriteFile(bad, []byte(`{"version": 1, "servers": {}, "servers": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.lock")
	tests := []struct {
		args []string
		want string
	}{
		{w.lockArgs("lock", bad, "--check"), "lock file " + bad + `: duplicate key "servers"`},
		{w.lockArgs("lock", bad, "good"), "lock file " + bad},
		{w.lockArgs("verify", bad, "--locked", "good"), "lock file " + bad},
		{w.lockArgs("lock", missing, "--update"), "no lock file " + missing},
		{w.lockArgs("verify", missing, "--locked", "good"), "no lock file " + missing},
		{w.lockArgs("verify", missing, "good"), "no lock file " + missing},
		{w.lockArgs("verify", "", "--locked", "good"), "--lock needs a path"},
		{w.lockArgs("lock", bad, "--check", "--update"), "not both"},
		{w.lockArgs("lock", bad), "lock needs a SERVER"},
	}
	for _, tt := range tests {
		r := runCommand(t, false, tt.args...)
		if ExitCode(r.err) != ExitInput || !strings.Contains(r.err.Error(), tt.want) {
			t.Errorf("%v: exit %d (%v), want %d and %q", tt.args, ExitCode(r.err), r.err, ExitInput, tt.want)
		}
	}
}

// TestLockUpdateKeepsUnverified: --update rewrites only what verifies now; a
// locked server that no longer verifies keeps its entry and fails the run.
func TestLockUpdateKeepsUnverified(t *testing.T) {
	w := newSignedWorld(t)
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	if r := runCommand(t, false, w.lockArgs("lock", path, "good")...); r.err != nil {
		t.Fatalf("lock good: %v\n%s", r.err, r.stdout)
	}
	before, _ := os.ReadFile(path)
	if _, err := verifytest.PushImage(w.reg.Host+"/mcp/good:latest", verifytest.Platform{Labels: verifytest.Revision(pinA)}); err != nil {
		t.Fatal(err) // an unsigned image under the locked tag
	}
	r := runCommand(t, false, w.lockArgs("lock", path, "--update")...)
	if ExitCode(r.err) != ExitTrust || !strings.Contains(r.stdout, "NOT VERIFIED  good") || !strings.Contains(r.stdout, "updated 0 servers") {
		t.Errorf("lock --update with good unsigned: exit %d (%v)\n%s", ExitCode(r.err), r.err, r.stdout)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("--update changed the entry of a server that no longer verifies")
	}
}

package commands

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/lock"

	"github.com/charmbracelet/x/exp/golden"
)

// lockJSON runs lock with --format json and decodes the document.
func lockJSON(t *testing.T, w *signedWorld, path string, wantExit int, args ...string) (lockView, string) {
	t.Helper()
	r := runCommand(t, false, w.lockArgs("lock", path, append(args, "--format", "json")...)...)
	if ExitCode(r.err) != wantExit {
		t.Fatalf("lock %v --format json: exit %d (%v), want %d\n%s%s", args, ExitCode(r.err), r.err, wantExit, r.stdout, r.stderr)
	}
	var v lockView
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("lock %v --format json printed no JSON document: %v\n%s", args, err, r.stdout)
	}
	return v, r.stdout
}

// normLock makes a lock JSON document comparable across runs.
func normLock(w *signedWorld, path, out string) []byte {
	out = regexp.MustCompile(`sha256[:-][0-9a-f]{64}`).ReplaceAllString(out, "sha256:<digest>")
	out = regexp.MustCompile(`"rekor_log_index": \d+`).ReplaceAllString(out, `"rekor_log_index": <n>`)
	out = strings.ReplaceAll(out, path, "<lock>")
	out = strings.ReplaceAll(out, w.catalog, "<catalog>")
	return []byte(strings.ReplaceAll(out, w.reg.Host, "<registry>"))
}

// TestLockJSONGolden is lock's --format json contract: a first lock (new,
// written), a check that matches (unchanged, not written), and a check of
// every server after a rug pull (changed with the diff, not-verified with
// the verdict), each one document on stdout with the exit status of the
// table output.
func TestLockJSONGolden(t *testing.T) {
	w := newSignedWorld(t)
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	v, out := lockJSON(t, w, path, ExitOK, "good")
	if v.Mode != "lock" || !v.Written || len(v.Servers) != 1 || v.Servers[0].Status != lockNew || v.Servers[0].Current == nil || v.Servers[0].Locked != nil {
		t.Errorf("first lock: %+v", v)
	}
	first := normLock(w, path, out)
	t.Run("lock", func(t *testing.T) { golden.RequireEqual(t, first) })

	if v, _ = lockJSON(t, w, path, ExitOK, "--check"); v.Written || v.Summary[lockUnchanged] != 1 {
		t.Errorf("check before any change: %+v, want 1 unchanged, nothing written", v)
	}
	w.rugPull(t)
	v, out = lockJSON(t, w, path, ExitTrust, "--check", "--all")
	if v.Mode != "check" || v.Written || v.Summary[lockChanged] != 1 || v.Summary[lockNotVerified] != 2 {
		t.Errorf("check after a rug pull: summary %v written %v, want 1 changed, 2 not-verified", v.Summary, v.Written)
	}
	if s := v.Servers[0]; s.Name != "good" || len(s.Changes) != 1 || s.Changes[0].Field != "digest" || s.Changes[0].Old != s.Locked.Digest || s.Changes[0].New != s.Current.Digest {
		t.Errorf("changed server: %+v", s)
	}
	check := normLock(w, path, out)
	t.Run("check", func(t *testing.T) { golden.RequireEqual(t, check) })
}

// TestLockTemplateSanitised: a template runs once per server on escaped
// data, so a hostile lock file (a catalog string with a newline, a tab and
// an escape sequence) cannot add a line or reach the terminal raw.
func TestLockTemplateSanitised(t *testing.T) {
	w := newSignedWorld(t)
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	lf := lock.New()
	n := int64(1)
	lf.Servers["good"] = lock.Entry{Image: w.reg.Host + "/mcp/good", Digest: "sha256:" + strings.Repeat("a", 64), Pin: pinA,
		SignerKey: "sha256:" + strings.Repeat("b", 64), RekorLogIndex: &n, Catalog: "x\nFORGED\tcol\x1b[31m", LockedAt: time.Unix(0, 0).UTC()}
	if err := lock.Write(path, lf); err != nil {
		t.Fatal(err)
	}
	r := runCommand(t, false, w.lockArgs("lock", path, "--check", "good", "--format", "{{.Name}} {{.Status}} {{.Locked.Catalog}}")...)
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("exit %d (%v), want %d (the digest changed)", ExitCode(r.err), r.err, ExitTrust)
	}
	if r.stdout != `good changed x\nFORGED\tcol\x1b[31m`+"\n" {
		t.Errorf("template output %q, want one line with the catalog escaped", r.stdout)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

package tui

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/mcp-trust/mcp-trust/verify"
)

// recordingClipboard remembers what it was asked to copy.
type recordingClipboard struct {
	mu   sync.Mutex
	got  []string
	fail error
}

func (c *recordingClipboard) WriteClipboard(_ context.Context, s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, s)
	return c.fail
}

var testDigest = "sha256:" + strings.Repeat("ab", 32)

// verifiedAs marks row i verified with res (Verdict defaults to verified).
func verifiedAs(m *model, i int, res verify.Result) {
	if res.Verdict == "" {
		res.Verdict = verify.VerdictVerified
	}
	m.rows[i].verify = verifyStateOf(&res, nil)
}

// c shows the reference, verified or not, and never copies.
func TestShowReference(t *testing.T) {
	cat := sampleCatalog()
	cat.Servers[0].Digest = testDigest
	cat.Servers[0].Image = "mcp/archive@" + testDigest
	ref := "mcp/archive@" + testDigest
	cb := &recordingClipboard{}
	m := newTestModel(Options{Catalog: cat, Clipboard: cb})
	if _, cmd := m.Update(keyMsg("c")); cmd != nil || !strings.Contains(view(m), "reference (NOT verified): "+ref) {
		t.Errorf("c on an unverified server: command %v, status:\n%s", cmd != nil, view(m))
	}
	verifiedAs(m, 0, verify.Result{Ref: ref, Digest: testDigest})
	if _, cmd := m.Update(keyMsg("c")); cmd != nil || !strings.Contains(view(m), "reference (verified): "+ref) {
		t.Errorf("c on a verified server: command %v, status:\n%s", cmd != nil, view(m))
	}
	sendKeys(m, "down", "c")
	if !strings.Contains(view(m), "no digest known for calendar") {
		t.Errorf("c on an entry without a digest:\n%s", view(m))
	}
	if len(cb.got) != 0 {
		t.Errorf("c copied %q; only y copies", cb.got)
	}
}

// y copies only a reference built from a verified result's digest; every
// other case copies nothing and says why.
func TestYankCopiesOnlyAVerifiedReference(t *testing.T) {
	good := "mcp/archive@" + testDigest
	tests := []struct {
		name string
		set  func(m *model)
		want string // copied; "" for nothing
	}{
		{"verified", func(m *model) { verifiedAs(m, 0, verify.Result{Ref: good, Digest: testDigest}) }, good},
		{"not checked, catalog digest", func(m *model) { m.cat.Servers[0].Digest = testDigest }, ""},
		{"failed", func(m *model) {
			verifiedAs(m, 0, verify.Result{Verdict: verify.VerdictFailed, Ref: good, Digest: testDigest})
		}, ""},
		{"undecided", func(m *model) {
			verifiedAs(m, 0, verify.Result{Verdict: verify.VerdictUndecided, Ref: good, Digest: testDigest})
		}, ""},
		{"hostile repository", func(m *model) {
			verifiedAs(m, 0, verify.Result{Ref: "mcp/a\x1b]52;c;ZXZpbA==\x07@" + testDigest, Digest: testDigest})
		}, ""},
		{"ref names another digest", func(m *model) {
			verifiedAs(m, 0, verify.Result{Ref: "mcp/archive@sha256:" + strings.Repeat("cd", 32), Digest: testDigest})
		}, ""},
		{"digest not sha256 hex", func(m *model) {
			d := "sha256:" + strings.Repeat("AB", 32)
			verifiedAs(m, 0, verify.Result{Ref: "mcp/archive@" + d, Digest: d})
		}, ""},
		{"two digests", func(m *model) {
			verifiedAs(m, 0, verify.Result{Ref: "mcp/archive@" + testDigest + "@" + testDigest, Digest: testDigest})
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb := &recordingClipboard{}
			m := newTestModel(Options{Catalog: sampleCatalog(), Clipboard: cb})
			tt.set(m)
			_, cmd := m.Update(keyMsg("y"))
			if tt.want == "" {
				if cmd != nil || !strings.Contains(view(m), "nothing copied: archive is not verified") {
					t.Errorf("y copied (command %v) or did not say why:\n%s", cmd != nil, view(m))
				}
				return
			}
			if cmd == nil {
				t.Fatalf("y on a verified server returned no command:\n%s", view(m))
			}
			m.Update(cmd())
			if len(cb.got) != 1 || cb.got[0] != tt.want || !strings.Contains(view(m), "copied verified "+tt.want) {
				t.Errorf("clipboard got %q, want %q; status:\n%s", cb.got, tt.want, view(m))
			}
		})
	}
}

func TestYankTurnedOffAndFailing(t *testing.T) {
	ref := "mcp/archive@" + testDigest
	cb := &recordingClipboard{}
	m := newTestModel(Options{Catalog: sampleCatalog(), Clipboard: cb, NoClipboard: true})
	verifiedAs(m, 0, verify.Result{Ref: ref, Digest: testDigest})
	if _, cmd := m.Update(keyMsg("y")); cmd != nil || len(cb.got) != 0 || !strings.Contains(view(m), "copying is turned off") {
		t.Errorf("y with NoClipboard: command %v, copied %q, status:\n%s", cmd != nil, cb.got, view(m))
	}

	cb = &recordingClipboard{fail: errors.New("no \x1b[31mclipboard")}
	m = newTestModel(Options{Catalog: sampleCatalog(), Clipboard: cb})
	verifiedAs(m, 0, verify.Result{Ref: ref, Digest: testDigest})
	_, cmd := m.Update(keyMsg("y"))
	m.Update(cmd())
	if want := "copying failed (no \\x1b[31mclipboard); verified " + ref; m.status != want || !m.err {
		t.Errorf("a failing clipboard: status %q (error %v), want the error %q", m.status, m.err, want)
	}
}

var osc52 = regexp.MustCompile(`\x1b\]52;c;([A-Za-z0-9+/=]*)(\x07|\x1b\\)`)

// The real verifier against a loopback registry, the real program: y on
// the verified server writes exactly its reference with OSC 52, and y on
// a failed one writes nothing.
func TestYankWritesOSC52ForTheVerifiedServer(t *testing.T) {
	w := newSignedWorld(t)
	h := run(t, newTestModel(Options{Catalog: w.cat, Verifier: w.verifier}))
	h.waitText(t, "4 of 4")
	h.press("V")
	h.waitText(t, "✔ verified", "✘ failed: revision-label")
	h.waitView(t, "the progress line to go", func(f string) bool { return !strings.Contains(f, "verifying") })
	h.press("y")
	h.waitText(t, "copied (OSC 52) verified "+w.reg.Host+"/mcp/good@sha256:")
	h.press("down", "y")
	h.waitText(t, "nothing copied: relabelled is not verified (✘ failed: revision-label)")
	m := h.quit(t)
	out, err := io.ReadAll(h.FinalOutput(t, teatest.WithFinalTimeout(15*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	seqs := osc52.FindAllSubmatch(out, -1)
	if len(seqs) != 1 {
		t.Fatalf("OSC 52 sequences %q; want exactly one", seqs)
	}
	got, err := base64.StdEncoding.DecodeString(string(seqs[0][1]))
	want := w.reg.Host + "/mcp/good@" + m.rows[0].verify.result.Digest
	if err != nil || string(got) != want || !sha256Digest().MatchString(m.rows[0].verify.result.Digest) {
		t.Errorf("OSC 52 copied %q (%v), want the verified %q", got, err, want)
	}
}

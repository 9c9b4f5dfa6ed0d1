package tui

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/verify"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

const otherPin = "2222222222222222222222222222222222222222"

// signedWorld is a loopback registry holding Docker-style signed images, a
// catalog naming them, and a real verifier trusting the test keys.
type signedWorld struct {
	reg      *verifytest.Registry
	cat      *catalog.Catalog
	verifier Verifier
}

// newSignedWorld seeds good (signed, label = pin), relabelled (signed, its
// label names another commit) and unsigned, plus a remote with no image.
func newSignedWorld(t *testing.T, mw ...verifytest.Middleware) *signedWorld {
	t.Helper()
	reg := verifytest.NewRegistry(mw...)
	t.Cleanup(reg.Close)
	sc, err := reg.SeedScenarios(pin, otherPin)
	if err != nil {
		t.Fatal(err)
	}
	v, err := verify.New(verify.WithKey(sc.Key.PublicPEM()), verify.WithRekorKeys(sc.Rekor.PublicPEM()))
	if err != nil {
		t.Fatal(err)
	}
	var servers []*catalog.Server
	for _, n := range []string{"good", "relabelled", "unsigned"} {
		s := server(n, "Test "+n, catalog.TierDockerBuilt, catalog.PinPinned)
		s.Image = reg.Host + "/mcp/" + n + ":latest"
		servers = append(servers, s)
	}
	servers = append(servers, server("zremote", "Remote", catalog.TierRemote, catalog.PinNone))
	cat := &catalog.Catalog{Source: "loopback", Servers: servers, FetchedAt: fixedNow}
	return &signedWorld{reg: reg, cat: cat, verifier: targetVerifier{v: v, sigRepo: reg.Host + "/mcp/signatures"}}
}

// targetVerifier adapts a *verify.Verifier the way the command layer does.
type targetVerifier struct {
	v       *verify.Verifier
	sigRepo string
}

func (a targetVerifier) Verify(ctx context.Context, s *catalog.Server) (*verify.Result, error) {
	return a.v.Verify(ctx, verify.Target{
		Name: s.Name, Ref: s.Image, CatalogDigest: s.Digest, ExpectedCommit: s.Source.Commit,
		SignatureRepo: a.sigRepo, Enforce: true,
	})
}

func TestVerifyListedUpdatesBadgesLive(t *testing.T) {
	w := newSignedWorld(t)
	h := run(t, newTestModel(Options{Catalog: w.cat, Verifier: w.verifier}))
	h.waitText(t, "4 of 4")
	h.press("V")
	h.waitText(t, "✔ verified", "✘ failed: revision-label", "✘ failed: signature")
	h.waitView(t, "the progress line to go", func(f string) bool { return !strings.Contains(f, "verifying") })
	h.press("enter")
	h.waitText(t, "Server details", "✔ pass  signature", "resolved: sha256:", trusttext.SignatureCaveat)
	h.press("esc", "c")
	h.waitText(t, "reference (verified): "+w.reg.Host+"/mcp/good@sha256:")
	m := h.quit(t)
	want := map[string]verifyKind{"good": verifyVerified, "relabelled": verifyFailed, "unsigned": verifyFailed, "zremote": verifyNoImage}
	for _, r := range m.rows {
		if r.verify.kind != want[r.srv.Name] {
			t.Errorf("%s: verify state %v, want %v", r.srv.Name, r.verify.kind, want[r.srv.Name])
		}
	}
	if len(m.jobs) != 0 {
		t.Errorf("%d jobs left after all answers", len(m.jobs))
	}
}

func TestVerifySelectedOnly(t *testing.T) {
	w := newSignedWorld(t)
	h := run(t, newTestModel(Options{Catalog: w.cat, Verifier: w.verifier}))
	h.waitText(t, "> good")
	h.press("down", "v")
	h.waitText(t, "✘ failed: revision-label")
	h.press("down", "down", "v")
	h.waitText(t, "no image to verify")
	m := h.quit(t)
	if m.rows[0].verify.kind != verifyNotChecked || m.rows[2].verify.kind != verifyNotChecked {
		t.Errorf("v verified more than the selected row: good %v, unsigned %v", m.rows[0].verify.kind, m.rows[2].verify.kind)
	}
}

func TestVerifyCancelWithEsc(t *testing.T) {
	// Once seeded, every registry request hangs until its client gives up:
	// only cancelling can end the verification.
	var hang atomic.Bool
	w := newSignedWorld(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if hang.Load() {
				<-r.Context().Done()
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	hang.Store(true)
	h := run(t, newTestModel(Options{Catalog: w.cat, Verifier: w.verifier, Concurrency: 2}))
	h.waitText(t, "4 of 4")
	h.press("V")
	h.waitText(t, "verifying 0/3 · esc cancels", "⟳ verifying")
	start := time.Now()
	h.press("esc")
	f := h.waitText(t, "verification cancelled")
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("cancelling took %v", el)
	}
	if strings.Contains(f, "⟳ verifying") {
		t.Errorf("rows still say verifying after the cancel:\n%s", f)
	}
	m := h.quit(t)
	for _, r := range m.rows[:3] {
		if r.verify.kind != verifyNotChecked {
			t.Errorf("%s after cancel: %v, want not checked", r.srv.Name, r.verify.kind)
		}
	}
}

func TestVerifyWithoutVerifier(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog()})
	sendKeys(m, "v")
	if !m.err || !strings.Contains(view(m), "verification is not available here") {
		t.Errorf("v without a verifier:\n%s", view(m))
	}
}

func TestBadInputIsNotVerified(t *testing.T) {
	m := newTestModel(Options{Catalog: sampleCatalog(), Verifier: failingVerifier{}})
	_, cmd := m.Update(keyMsg("v"))
	for msg := cmd(); ; msg = waitVerify(1, m.jobs[1].results)() {
		m.Update(msg)
		if msg.(verifyBatchMsg).closed {
			break
		}
	}
	if r := m.rows[0]; r.verify.kind != verifyBadInput || !strings.Contains(view(m), "✘ bad input") {
		t.Errorf("a verifier error shows %v:\n%s", r.verify.kind, view(m))
	}
}

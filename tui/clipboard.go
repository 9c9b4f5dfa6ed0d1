package tui

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/verify"
)

// sha256Digest is the only digest form y copies.
var sha256Digest = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^sha256:[0-9a-f]{64}$`) })

// verifiedRef returns the reference y may copy: the repository of a
// verified result pinned by the digest every check was made against, or
// "" when the row is not verified. The repository must be the one the
// result's Ref names and pass digestRef, so the text is plain ASCII from a
// closed set: nothing in it can be an escape sequence.
func verifiedRef(r *row) string {
	res := r.verify.result
	if r.verify.kind != verifyVerified || res == nil || res.Verdict != verify.VerdictVerified || !sha256Digest().MatchString(res.Digest) {
		return ""
	}
	repo, ok := strings.CutSuffix(res.Ref, "@"+res.Digest)
	if !ok || strings.Contains(repo, "@") {
		return ""
	}
	ref := repo + "@" + res.Digest
	if !digestRef().MatchString(ref) {
		return ""
	}
	return ref
}

// copiedMsg reports a write through Options.Clipboard.
type copiedMsg struct {
	ref string
	err error
}

// yankRef copies the selected server's verified reference: with the
// Clipboard of the options when there is one, else with an OSC 52
// sequence to the terminal. An unverified server copies nothing; the
// status line says why. The reference is on the status line either way,
// for terminals that ignore OSC 52.
func (m *model) yankRef() tea.Cmd {
	r := m.selected()
	if r == nil {
		return nil
	}
	if m.opts.NoClipboard {
		m.setStatus("copying is turned off; c shows the reference", false)
		return nil
	}
	ref := verifiedRef(r)
	if ref == "" {
		m.setStatus("nothing copied: "+r.name+" is not verified ("+verifyBadge(r.verify).Text()+"); y copies only a verified reference", false)
		return nil
	}
	if cb := m.opts.Clipboard; cb != nil {
		ctx := m.ctx
		m.setStatus("copying verified "+ref, false)
		return func() tea.Msg { return copiedMsg{ref: ref, err: cb.WriteClipboard(ctx, ref)} }
	}
	m.setStatus("copied (OSC 52) verified "+ref, false)
	return tea.SetClipboard(ref)
}

func (m *model) applyCopied(msg copiedMsg) {
	if msg.err != nil {
		m.setStatus(fmt.Sprintf("copying failed (%s); verified %s", sanitize.Line(msg.err.Error()), msg.ref), true)
		return
	}
	m.setStatus("copied verified "+msg.ref, false)
}

package tui

import (
	"fmt"
	"regexp"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// verifySelected verifies the selected server.
func (m *model) verifySelected() tea.Cmd {
	r := m.selected()
	switch {
	case r == nil:
		return nil
	case m.opts.Verifier == nil:
		m.setStatus("verification is not available here", true)
		return nil
	case r.verify.kind == verifyNoImage:
		m.setStatus(r.name+" is a "+sanitize.Line(string(r.srv.Type))+" server with no image to verify", false)
		return nil
	case r.verify.kind == verifyRunning:
		return nil
	}
	m.setStatus("", false)
	return m.startVerify([]int32{m.visible[m.cursor]})
}

// verifyListed verifies every listed server that has an image and is not
// already being verified: the whole filtered list, not just the screen.
func (m *model) verifyListed() tea.Cmd {
	if m.opts.Verifier == nil {
		m.setStatus("verification is not available here", true)
		return nil
	}
	var idx []int32
	for _, i := range m.visible {
		if k := m.rows[i].verify.kind; k != verifyNoImage && k != verifyRunning {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		m.setStatus("nothing listed to verify", false)
		return nil
	}
	m.setStatus("", false)
	return m.startVerify(idx)
}

// digestRef is a reference safe to hand to a clipboard or print: a
// repository name and a sha256 digest, nothing else.
var digestRef = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,254}@sha256:[0-9a-f]{64}$`)

// refOf returns the repo@sha256 reference to run for a row: the digest
// verification resolved, else the digest the catalog pins. verified says
// whether that reference passed verification.
func refOf(r *row) (ref string, verified bool) {
	if res := r.verify.result; res != nil && digestRef.MatchString(res.Ref) {
		return res.Ref, r.verify.kind == verifyVerified
	}
	s := r.srv
	if s.Digest == "" {
		return "", false
	}
	ref = s.Image
	if !strings.Contains(ref, "@") {
		ref += "@" + s.Digest
	}
	if !digestRef.MatchString(ref) {
		return "", false
	}
	return ref, false
}

// copiedMsg reports a clipboard write.
type copiedMsg struct {
	what, ref string
	err       error
}

// copyRef copies (or shows) the selected server's reference.
func (m *model) copyRef() tea.Cmd {
	r := m.selected()
	if r == nil {
		return nil
	}
	ref, verified := refOf(r)
	if ref == "" {
		m.setStatus("no digest known for "+r.name+": press v to resolve and verify one", false)
		return nil
	}
	what := "reference (verified): "
	if !verified {
		what = "reference (NOT verified): "
	}
	switch {
	case m.opts.Clipboard != nil:
		cb, ctx := m.opts.Clipboard, m.ctx
		m.setStatus("copying "+what+ref, false)
		return func() tea.Msg { return copiedMsg{what: what, ref: ref, err: cb.WriteClipboard(ctx, ref)} }
	case m.opts.OSC52:
		m.setStatus("copied "+what+ref, false)
		return tea.SetClipboard(ref)
	}
	m.setStatus(what+ref, false)
	return nil
}

func (m *model) applyCopied(msg copiedMsg) {
	if msg.err != nil {
		m.setStatus(fmt.Sprintf("copying failed (%s); %s%s", sanitize.Line(msg.err.Error()), msg.what, msg.ref), true)
		return
	}
	m.setStatus("copied "+msg.what+msg.ref, false)
}

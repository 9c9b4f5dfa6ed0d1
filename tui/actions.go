package tui

import (
	"regexp"
	"strings"
	"sync"

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
var digestRef = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,254}@sha256:[0-9a-f]{64}$`)
})

// refOf returns the repo@sha256 reference to run for a row: the digest
// verification resolved, else the digest the catalog pins. verified says
// whether that reference passed verification.
func refOf(r *row) (ref string, verified bool) {
	if res := r.verify.result; res != nil && digestRef().MatchString(res.Ref) {
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
	if !digestRef().MatchString(ref) {
		return "", false
	}
	return ref, false
}

// showRef shows the selected server's reference on the status line,
// saying whether it passed verification. It copies nothing (y does).
func (m *model) showRef() {
	r := m.selected()
	if r == nil {
		return
	}
	ref, verified := refOf(r)
	switch {
	case ref == "":
		m.setStatus("no digest known for "+r.name+": press v to resolve and verify one", false)
	case verified:
		m.setStatus("reference (verified): "+ref, false)
	default:
		m.setStatus("reference (NOT verified): "+ref, false)
	}
}

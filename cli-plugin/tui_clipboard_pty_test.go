package main

import (
	"encoding/base64"
	"os/exec"
	"regexp"
	"testing"
)

var (
	osc52Seq    = regexp.MustCompile(`\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)`)
	loopbackRef = regexp.MustCompile(`^127\.0\.0\.1:[0-9]+/mcp/weather-demo@sha256:[0-9a-f]{64}$`)
)

// The real binary on a pseudo-terminal, verifying against the demo's
// loopback registry: y on an unverified server copies nothing; once v has
// verified it, y writes exactly its digest reference with OSC 52, unless
// MCPTRUST_NO_CLIPBOARD turns copying off.
func TestDockerPluginDemoCopiesTheVerifiedReference(t *testing.T) {
	for _, tt := range []struct {
		name   string
		env    []string
		status string
		copies bool
	}{
		{"on", nil, "copied (OSC 52) verified 127.0.0.1:", true},
		{"MCPTRUST_NO_CLIPBOARD", []string{"MCPTRUST_NO_CLIPBOARD=1"}, "copying is turned off", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command("docker", "mcptrust", "demo")
			cmd.Env = append(append(dockerEnv(t), "TERM=xterm-256color"), tt.env...)
			s := startPTY(t, cmd)
			redraw := s.redraw(t)
			waitScreen(t, s.log, redraw, "weather-demo", "of 18")
			s.typeKeys(t, "/weather\r")
			waitScreen(t, s.log, redraw, "find: weather ·", "> weather-demo")
			if tt.copies {
				s.typeKeys(t, "y")
				waitScreen(t, s.log, redraw, "nothing copied: weather-demo is not verified")
			}
			s.typeKeys(t, "v")
			waitScreen(t, s.log, redraw, "✔ verified")
			s.typeKeys(t, "y")
			waitScreen(t, s.log, redraw, tt.status)
			s.typeKeys(t, "q")
			if err := s.wait(t); err != nil {
				t.Fatalf("docker mcptrust demo exited with %v; screen:\n%s", err, s.log.lastScreen())
			}
			seqs := osc52Seq.FindAllStringSubmatch(s.log.String(), -1)
			if !tt.copies {
				if len(seqs) != 0 {
					t.Errorf("with copying off the terminal received OSC 52 %q", seqs)
				}
				return
			}
			if len(seqs) != 1 {
				t.Fatalf("the terminal received %d OSC 52 sequences, want 1: %q", len(seqs), seqs)
			}
			ref, err := base64.StdEncoding.DecodeString(seqs[0][1])
			if err != nil || !loopbackRef.Match(ref) {
				t.Errorf("OSC 52 copied %q (%v), want the demo registry's weather-demo@sha256 reference", ref, err)
			}
		})
	}
}

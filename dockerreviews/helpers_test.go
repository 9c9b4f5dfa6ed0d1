package dockerreviews

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
)

var (
	oldPin = ghfake.Sha("old")
	pin    = ghfake.Sha("pin")
	t0     = time.Date(2026, 5, 6, 12, 0, 0, 0, time.UTC)
)

// newSource builds a Source talking to f through the loopback-only
// transport, with a cache in a temp dir unless o.CacheDir says otherwise.
func newSource(t *testing.T, f *ghfake.Server, o Options) *Source {
	t.Helper()
	o.BaseURL = f.URL()
	o.Transport = ghfake.LoopbackTransport()
	if o.Now == nil {
		o.Now = func() time.Time { return t0 }
	}
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func look(t *testing.T, s *Source, server, p string) (*Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.Lookup(ctx, server, p)
}

// bump is the usual fixture: alpha bumped from oldPin to pin in PR 3203,
// reviewed by claude with the given conclusion and labels.
func bump(conclusion string, labels ...string) ghfake.Change {
	return ghfake.PinBump("alpha", oldPin, pin, 3203, ghfake.PinRun(11, "alpha", "claude", oldPin, pin, conclusion, labels...))
}

func filepathGlob(dir string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, "gh-*.cache"))
}

// corrupt flips the last byte of a cache file's body.
func corrupt(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

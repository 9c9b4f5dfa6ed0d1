package proxy

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func contextWithCancel(t *testing.T) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx, cancel
}

func writeSecret(t *testing.T, dir, name, value string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(value), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// lineSignal is a stderr that signals the address of the first
// "listening on" line it sees: the readiness signal the tests wait for,
// instead of sleeping.
type lineSignal struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan string
	sent  bool
}

func newLineSignal() *lineSignal { return &lineSignal{ready: make(chan string, 1)} }

func (l *lineSignal) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if !l.sent {
		if _, rest, ok := strings.Cut(l.buf.String(), "listening on "); ok {
			if addr, _, ok := strings.Cut(rest, "\n"); ok {
				l.ready <- addr
				l.sent = true
			}
		}
	}
	return len(p), nil
}

func (l *lineSignal) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestMainServesUntilCancelled(t *testing.T) {
	dir := t.TempDir()
	key := writeSecret(t, dir, "key", testKey+"\n")
	tok := writeSecret(t, dir, "token", testToken)
	ctx, cancel := contextWithCancel(t)
	stderr := newLineSignal()
	done := make(chan error, 1)
	go func() {
		done <- Main(ctx, []string{"--upstream", "anthropic", "--key-file", key, "--token-file", tok, "--listen", "127.0.0.1:0"}, stderr)
	}()
	var addr string
	select {
	case addr = <-stderr.ready:
	case err := <-done:
		t.Fatalf("Main returned before listening: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Main never said it was listening")
	}
	// Listening means serving: an unauthorised request gets its 401 now.
	resp, err := http.Post("http://"+addr+"/v1/messages", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatalf("request to %s after the listening line: %v", addr, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unauthorised request = %d, want 401", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Main after cancel = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Main did not stop after cancel")
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") || strings.Contains(stderr.String(), testKey) {
		t.Errorf("Main stderr = %q, want the listen address and no key", stderr.String())
	}
}

func TestMainErrorsNeverQuoteSecrets(t *testing.T) {
	dir := t.TempDir()
	bad := writeSecret(t, dir, "key", "sk-SECRET with space")
	tok := writeSecret(t, dir, "token", testToken)
	tests := []struct {
		name string
		args []string
	}{
		{"no key file", []string{"--upstream", "anthropic", "--token-file", tok}},
		{"missing key file", []string{"--upstream", "anthropic", "--key-file", filepath.Join(dir, "nope"), "--token-file", tok}},
		{"key with a space", []string{"--upstream", "anthropic", "--key-file", bad, "--token-file", tok}},
		{"unknown provider", []string{"--upstream", "evil", "--key-file", tok, "--token-file", tok}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Main(context.Background(), tt.args, &bytes.Buffer{})
			if err == nil {
				t.Fatalf("Main(%v) = nil, want an error", tt.args)
			}
			if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), testToken) {
				t.Errorf("Main(%v) error quotes a secret: %v", tt.args, err)
			}
		})
	}
}

func TestMainProbe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := Main(context.Background(), []string{"--probe", addr}, &bytes.Buffer{}); err != nil {
		t.Errorf("Main(--probe listening) = %v, want nil", err)
	}
	ln.Close()
	if err := Main(context.Background(), []string{"--probe", addr}, &bytes.Buffer{}); err == nil {
		t.Error("Main(--probe closed port) = nil, want an error")
	}
}

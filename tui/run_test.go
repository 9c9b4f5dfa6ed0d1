package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the program's writer goroutine.
type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{mu: make(chan struct{}, 1)} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu <- struct{}{}
	defer func() { <-b.mu }()
	return b.buf.String()
}

// altScreen is what the program writes once it has taken the terminal: the
// readiness signal the tests wait for.
const altScreen = "\x1b[?1049h"

// started returns a channel closed once out holds the alternate-screen
// switch, and the writer that feeds it.
func started(out *syncBuffer) (io.Writer, <-chan struct{}) {
	ready := make(chan struct{})
	var once sync.Once
	return writerFunc(func(p []byte) (int, error) {
		n, err := out.Write(p)
		if strings.Contains(out.String(), altScreen) {
			once.Do(func() { close(ready) })
		}
		return n, err
	}), ready
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// waitStarted waits for the program to take the terminal.
func waitStarted(t *testing.T, ready <-chan struct{}, out *syncBuffer) {
	t.Helper()
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatalf("Run did not enter the alternate screen; output %q", out.String())
	}
}

// Without a terminal the program learns no size and draws no frame (the
// teatest tests cover frames); this checks that Run takes over the given
// streams and returns cleanly on q.
func TestRunQuitsOnQ(t *testing.T) {
	in, typed := io.Pipe()
	buf := newSyncBuffer()
	out, ready := started(buf)
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), Options{Catalog: sampleCatalog(), Input: in, Output: out, NoColor: true})
	}()
	waitStarted(t, ready, buf)
	if _, err := typed.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after q = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after q")
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	in, _ := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	buf := newSyncBuffer()
	out, ready := started(buf)
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Options{Catalog: sampleCatalog(), Input: in, Output: out}) }()
	waitStarted(t, ready, buf) // cancel a running program, not one still starting
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

func TestRunNeedsACatalog(t *testing.T) {
	if err := Run(context.Background(), Options{}); err == nil {
		t.Error("Run without a catalog = nil, want an error")
	}
}

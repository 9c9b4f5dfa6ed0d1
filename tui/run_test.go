package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
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

// Without a terminal the program learns no size and draws no frame (the
// teatest tests cover frames); this checks that Run takes over the given
// streams and returns cleanly on q.
func TestRunQuitsOnQ(t *testing.T) {
	in, typed := io.Pipe()
	out := newSyncBuffer()
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), Options{Catalog: sampleCatalog(), Input: in, Output: out, NoColor: true})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "\x1b[?1049h") {
		if time.Now().After(deadline) {
			t.Fatalf("Run did not enter the alternate screen; output %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
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
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Options{Catalog: sampleCatalog(), Input: in, Output: io.Discard}) }()
	time.Sleep(50 * time.Millisecond)
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

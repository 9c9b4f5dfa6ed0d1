package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// observed wraps the model under test and keeps a copy of its latest frame,
// taken on the program's goroutine after every Update, so a test can wait
// for what the screen says without racing the program (the renderer's
// byte stream only carries changed cells).
type observed struct {
	*model
	mu      *sync.Mutex
	frame   *string
	changed chan struct{} // signalled (buffer 1) after every new frame
}

// Update implements tea.Model.
func (o observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := o.model.Update(msg)
	frame := o.model.View().Content
	o.mu.Lock()
	*o.frame = frame
	o.mu.Unlock()
	select {
	case o.changed <- struct{}{}:
	default: // a wake-up is already pending
	}
	return o, cmd
}

func (o observed) current() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return *o.frame
}

// harness is a running program with its observed model.
type harness struct {
	*teatest.TestModel
	obs observed
}

// run starts m in a teatest program of the test size.
func run(t *testing.T, m *model) *harness {
	t.Helper()
	obs := observed{model: m, mu: &sync.Mutex{}, frame: new(string), changed: make(chan struct{}, 1)}
	tm := teatest.NewTestModel(t, obs, teatest.WithInitialTermSize(testWidth, testHeight))
	t.Cleanup(func() { _ = tm.Quit() })
	return &harness{TestModel: tm, obs: obs}
}

// waitView waits until the current frame satisfies ok, waking on each new
// frame the program draws (no polling).
func (h *harness) waitView(t *testing.T, what string, ok func(frame string) bool) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		f := h.obs.current()
		if ok(f) {
			return f
		}
		select {
		case <-h.obs.changed:
		case <-deadline:
			t.Fatalf("waiting for %s: last frame:\n%s", what, h.obs.current())
		}
	}
}

// waitText waits until the frame contains every want.
func (h *harness) waitText(t *testing.T, want ...string) string {
	t.Helper()
	return h.waitView(t, strings.Join(want, ", "), func(f string) bool {
		for _, w := range want {
			if !strings.Contains(f, w) {
				return false
			}
		}
		return true
	})
}

func (h *harness) press(keys ...string) {
	for _, k := range keys {
		h.Send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) { h.Type(s) }

// quit presses q and returns the final model.
func (h *harness) quit(t *testing.T) *model {
	t.Helper()
	h.press("q")
	return h.FinalModel(t, teatest.WithFinalTimeout(15*time.Second)).(observed).model
}

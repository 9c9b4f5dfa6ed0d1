package main

import (
	"bytes"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// screenLog collects what the program draws on the pseudo-terminal.
type screenLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *screenLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *screenLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// eraseScreen starts every full redraw (ED 2): on start and after each
// resize the renderer clears the screen and draws every line again, so the
// text after the last one is the whole current screen.
const eraseScreen = "\x1b[2J"

var escapeSeq = regexp.MustCompile(`\x1b(\[[0-9;:?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78cDEHM])`)

// lastScreen is the text of the last full redraw, escape sequences removed.
func (l *screenLog) lastScreen() string {
	s := l.String()
	if i := strings.LastIndex(s, eraseScreen); i >= 0 {
		s = s[i:]
	}
	return escapeSeq.ReplaceAllString(s, " ")
}

// waitScreen waits until the last full redraw holds every want. redraw,
// when not nil, is called now and then to force a new full redraw.
func waitScreen(t *testing.T, l *screenLog, redraw func(), want ...string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for n := 1; ; n++ {
		if redraw != nil && n%25 == 0 {
			redraw()
		}
		scr := l.lastScreen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q; last screen:\n%s", want, scr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The real binary, started by the real docker client on a pseudo-terminal:
// the catalog opens in the UI, / filters the list, q exits with status 0.
func TestDockerPluginCatalogTUIInAPseudoTerminal(t *testing.T) {
	env := append(dockerEnv(t), "TERM=xterm-256color")
	cmd := exec.Command("docker", "mcptrust", "catalog", "--catalog", "demo")
	cmd.Env = env
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		t.Fatalf("starting docker on a pty: %v", err)
	}
	defer ptmx.Close()
	log := &screenLog{}
	copied := make(chan struct{})
	go func() {
		_, _ = io.Copy(log, ptmx) // ends with EIO when the program exits
		close(copied)
	}()

	waitScreen(t, log, nil, "mcptrust catalog · demo", "weather-demo", "notes-demo", "of 18")
	if _, err := ptmx.WriteString("/ledger"); err != nil {
		t.Fatal(err)
	}
	// A resize makes the renderer draw the whole screen again, so the
	// filtered list can be read whole rather than as changed cells.
	cols := uint16(120)
	resize := func() {
		cols = 239 - cols // 120, 119, 120, ...
		if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: cols}); err != nil {
			t.Errorf("resizing the pty: %v", err)
		}
	}
	resize()
	scr := waitScreen(t, log, resize, "find: /ledger", "ledger-demo")
	for _, gone := range []string{"weather-demo", "notes-demo", "kanban-demo"} {
		if strings.Contains(scr, gone) {
			t.Errorf("after /ledger the list still shows %s:\n%s", gone, scr)
		}
	}
	if _, err := ptmx.WriteString("\r"); err != nil { // enter: leave the prompt
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if _, err := ptmx.WriteString("q"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("docker mcptrust catalog exited with %v; screen:\n%s", err, log.lastScreen())
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("the UI did not exit after q; screen:\n%s", log.lastScreen())
	}
	select {
	case <-copied:
	case <-time.After(10 * time.Second):
		t.Fatal("the pseudo-terminal stayed open after the program exited")
	}
	if out := log.String(); strings.Contains(out, "\x1b]52") || strings.Contains(out, "\u009b") {
		t.Errorf("the terminal received the demo's hostile clipboard or C1 sequence")
	}
}

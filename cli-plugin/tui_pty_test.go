package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// screenLog collects what the program draws on the pseudo-terminal and
// signals each write, so waiting for the screen needs no polling.
type screenLog struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // buffer 1: a pending wake-up
}

func newScreenLog() *screenLog { return &screenLog{changed: make(chan struct{}, 1)} }

func (l *screenLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	n, err := l.buf.Write(p)
	l.mu.Unlock()
	select {
	case l.changed <- struct{}{}:
	default:
	}
	return n, err
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

// waitScreen waits until the last full redraw holds every want, waking on
// each write of the program. redraw, when not nil, is called whenever the
// program has been quiet for a while: the renderer sends only changed
// cells, so a forced full redraw is how the whole screen is read again.
func waitScreen(t *testing.T, l *screenLog, redraw func(), want ...string) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		scr := l.lastScreen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		select {
		case <-l.changed:
		case <-time.After(500 * time.Millisecond): // quiet: ask for a full redraw
			if redraw != nil {
				redraw()
			}
		case <-deadline:
			t.Fatalf("the screen never showed %q; last screen:\n%s", want, l.lastScreen())
		}
	}
}

// ptySession is a program running on a pseudo-terminal.
type ptySession struct {
	cmd    *exec.Cmd
	ptmx   *os.File
	log    *screenLog
	copied chan struct{}
	cols   uint16
	rows   uint16
	width  uint16 // the size asked for; redraw toggles cols around it
}

// startPTY starts cmd on a 120x30 pseudo-terminal and records its output.
func startPTY(t *testing.T, cmd *exec.Cmd) *ptySession { return startPTYSize(t, cmd, 120, 30) }

// startPTYSize starts cmd on a cols x rows pseudo-terminal.
func startPTYSize(t *testing.T, cmd *exec.Cmd, cols, rows uint16) *ptySession {
	t.Helper()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatalf("starting %v on a pty: %v", cmd.Args, err)
	}
	t.Cleanup(func() { ptmx.Close() })
	s := &ptySession{cmd: cmd, ptmx: ptmx, log: newScreenLog(), copied: make(chan struct{}), cols: cols, rows: rows, width: cols}
	go func() {
		_, _ = io.Copy(s.log, ptmx) // ends with EIO when the program exits
		close(s.copied)
	}()
	return s
}

func (s *ptySession) typeKeys(t *testing.T, keys string) {
	t.Helper()
	if _, err := s.ptmx.WriteString(keys); err != nil {
		t.Fatalf("typing %q: %v", keys, err)
	}
}

// redraw resizes the terminal by a column, back and forth: the renderer
// then draws the whole screen again, so it can be read whole rather than
// as changed cells.
func (s *ptySession) redraw(t *testing.T) func() {
	return func() {
		s.cols = 2*s.width - 1 - s.cols // 120, 119, 120, ...
		if err := pty.Setsize(s.ptmx, &pty.Winsize{Rows: s.rows, Cols: s.cols}); err != nil {
			t.Errorf("resizing the pty: %v", err)
		}
	}
}

// wait waits for the program to exit and its output to be read.
func (s *ptySession) wait(t *testing.T) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		t.Fatalf("the program did not exit; screen:\n%s", s.log.lastScreen())
	}
	select {
	case <-s.copied:
	case <-time.After(10 * time.Second):
		t.Fatal("the pseudo-terminal stayed open after the program exited")
	}
	return err
}

// The real binary, started by the real docker client on a pseudo-terminal:
// the catalog opens in the UI, / filters the list, q exits with status 0.
func TestDockerPluginCatalogTUIInAPseudoTerminal(t *testing.T) {
	cmd := exec.Command("docker", "mcptrust", "catalog", "--catalog", "demo")
	cmd.Env = append(dockerEnv(t), "TERM=xterm-256color")
	s := startPTY(t, cmd)
	waitScreen(t, s.log, nil, "mcptrust catalog · demo", "weather-demo", "notes-demo", "of 18")
	s.typeKeys(t, "/ledger")
	redraw := s.redraw(t)
	redraw()
	scr := waitScreen(t, s.log, redraw, "find: /ledger", "ledger-demo")
	for _, gone := range []string{"weather-demo", "notes-demo", "kanban-demo"} {
		if strings.Contains(scr, gone) {
			t.Errorf("after /ledger the list still shows %s:\n%s", gone, scr)
		}
	}
	s.typeKeys(t, "\r") // enter leaves the prompt, so q quits
	redraw()
	waitScreen(t, s.log, redraw, "find: ledger ·") // the prompt is closed: no "/" and no cursor
	s.typeKeys(t, "q")
	if err := s.wait(t); err != nil {
		t.Fatalf("docker mcptrust catalog exited with %v; screen:\n%s", err, s.log.lastScreen())
	}
	if out := s.log.String(); strings.Contains(out, "\x1b]52") || strings.Contains(out, "\u009b") {
		t.Errorf("the terminal received the demo's hostile clipboard or C1 sequence")
	}
}

// On the most common terminal, 80x24, the real program shows every trust
// column (compact) and the header's counts whole (issue 14).
func TestDockerPluginCatalogTUIAt80x24(t *testing.T) {
	cmd := exec.Command("docker", "mcptrust", "catalog", "--catalog", "demo")
	cmd.Env = append(dockerEnv(t), "TERM=xterm-256color")
	s := startPTYSize(t, cmd, 80, 24)
	redraw := s.redraw(t)
	scr := waitScreen(t, s.log, redraw, "NAME", "BUILD", "PUB", "PIN", "VERIFY", "REVIEW", "✔ known 2", "◌ comm 16", "18 servers")
	if !strings.Contains(scr, "ledger-demo") || !strings.Contains(scr, "✘ badpin") {
		t.Errorf("the 80x24 list lacks a row's compact badges:\n%s", scr)
	}
	s.typeKeys(t, "q")
	if err := s.wait(t); err != nil {
		t.Fatalf("docker mcptrust catalog exited with %v; screen:\n%s", err, s.log.lastScreen())
	}
}

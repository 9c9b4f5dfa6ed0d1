//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// stuckGit is a git that says it started (its pid, written atomically to
// $MCPTRUST_TEST_MARK) and then hangs, as a clone of a slow remote does.
const stuckGit = `#!/bin/sh
echo $$ > "$MCPTRUST_TEST_MARK.tmp" && mv "$MCPTRUST_TEST_MARK.tmp" "$MCPTRUST_TEST_MARK"
exec sleep 120
`

// waitFile waits for path to exist: the readiness signal, polled, bounded.
func waitFile(t *testing.T, path string, done <-chan struct{}) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil {
			return strings.TrimSpace(string(b))
		}
		select {
		case <-done:
			t.Fatal("mcptrust exited before git started")
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("git never started")
	return ""
}

// A real mcptrust process, a real signal while git runs: exit 130, and
// nothing left behind (no temporary clone, no output, no git process).
// Before, git's "signal: killed" made it exit 3 (issue 9 item 4).
func TestInterruptedReviewExits130(t *testing.T) {
	repo, head := reviewRepo(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			work := t.TempDir()
			fakeBin, tmp, mark := filepath.Join(work, "bin"), filepath.Join(work, "tmp"), filepath.Join(work, "git.pid")
			out := filepath.Join(work, "out")
			for _, d := range []string{fakeBin, tmp} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(fakeBin, "git"), []byte(stuckGit), 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(filepath.Join(binDir, "mcptrust"), "review", repo, "--head", head, "--agent", "prescan", "--output", out)
			cmd.Env = append(os.Environ(), "PATH="+fakeBin+":"+os.Getenv("PATH"), "TMPDIR="+tmp,
				"HOME="+work, "DOCKER_CONFIG="+filepath.Join(work, "docker"), "MCPTRUST_TEST_MARK="+mark)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			var waitErr error
			go func() { waitErr = cmd.Wait(); close(done) }()
			gitPid, _ := strconv.Atoi(waitFile(t, mark, done))
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("mcptrust did not exit after the signal")
			}
			var exitErr *exec.ExitError
			if !errors.As(waitErr, &exitErr) || exitErr.ExitCode() != 130 {
				t.Errorf("review interrupted by %s: %v, want exit 130\n%s", sig, waitErr, stderr.String())
			}
			if !strings.Contains(stderr.String(), "cancelled") {
				t.Errorf("stderr = %q, want it to say cancelled", stderr.String())
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				t.Errorf("temporary files left behind: %v", entries)
			}
			if _, err := os.Lstat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output directory left behind: %v", err)
			}
			if gitPid > 0 {
				wantGone(t, "git", gitPid)
			}
		})
	}
}

// verify interrupted while a registry (loopback, never answering) holds its
// request: exit 130, not "undecided".
func TestInterruptedVerifyExits130(t *testing.T) {
	addr, accepted := stuckRegistry(t)
	work := t.TempDir()
	cmd := exec.Command(filepath.Join(binDir, "mcptrust"), "verify", "--catalog", "demo", addr+"/mcp/stuck:1")
	cmd.Env = append(os.Environ(), "HOME="+work, "DOCKER_CONFIG="+filepath.Join(work, "docker"), "TMPDIR="+work)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	awaitRequest(t, cmd, accepted, done, "verify", &stderr)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	wantExit130(t, cmd, done, "verify interrupted", &stderr)
}

// stuckRegistry is a loopback registry that accepts connections and never
// answers; each accepted connection is the sign a request is in flight.
func stuckRegistry(t *testing.T) (string, <-chan net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		held []net.Conn
	)
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c) // held open, never answered
			mu.Unlock()
			select {
			case accepted <- c:
			default:
			}
		}
	}()
	return ln.Addr().String(), accepted
}

// awaitRequest waits for the stuck registry's first connection, the
// readiness signal that cmd's request is in flight; cmd exiting first, or
// 30 s passing, fails t.
func awaitRequest(t *testing.T, cmd *exec.Cmd, accepted <-chan net.Conn, done <-chan error, what string, output fmt.Stringer) {
	t.Helper()
	select {
	case <-accepted:
	case err := <-done:
		t.Fatalf("%s exited before contacting the registry: %v\n%s", what, err, output)
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("%s never contacted the registry", what)
	}
}

// wantExit130 waits for cmd, interrupted, to exit (done) and requires the
// exit code of a cancelled command, 130.
func wantExit130(t *testing.T, cmd *exec.Cmd, done <-chan error, what string, output fmt.Stringer) {
	t.Helper()
	select {
	case err := <-done:
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 130 {
			t.Errorf("%s: %v, want exit 130\n%s", what, err, output)
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("%s: did not exit", what)
	}
}

// wantGone requires each process to have exited with the command that
// started it, and kills any left behind.
func wantGone(t *testing.T, what string, pids ...int) {
	t.Helper()
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("%s (pid %d) still runs after the command exited: %v", what, pid, err)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

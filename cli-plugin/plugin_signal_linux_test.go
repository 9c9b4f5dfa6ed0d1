package main

import (
	"bytes"
	"errors"
	"io"
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

	"github.com/creack/pty"
)

// childrenOf lists the child processes of pid (Linux /proc).
func childrenOf(pid int) []int {
	var kids []int
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "children"))
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		for _, s := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(s); err == nil {
				kids = append(kids, n)
			}
		}
	}
	return kids
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

// An interrupt reaches docker only (not the plugin: no shared terminal, the
// signal goes to docker's pid). Docker then closes its plugin socket; the
// plugin must take that as the interrupt: exit 130, which docker passes on,
// and no plugin process left behind.
func TestDockerPluginInterruptExits130(t *testing.T) {
	env := dockerEnv(t)
	addr, accepted := stuckRegistry(t)
	cmd := exec.Command("docker", "mcptrust", "verify", "--catalog", "demo", addr+"/mcp/stuck:1")
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-accepted: // the readiness signal: the plugin's request is in flight
	case err := <-done:
		t.Fatalf("docker mcptrust verify exited before contacting the registry: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the plugin never contacted the registry")
	}
	plugins := childrenOf(cmd.Process.Pid)
	if len(plugins) == 0 {
		t.Fatal("docker has no child process: the plugin is not running under it")
	}
	t.Cleanup(func() { // a plugin that failed to stop must not outlive the test
		for _, pid := range plugins {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 130 {
			t.Errorf("docker mcptrust verify interrupted: %v, want exit 130\nstderr: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("docker mcptrust verify did not exit after SIGINT")
	}
	if !strings.Contains(stderr.String(), "cancelled") {
		t.Errorf("stderr = %q, want the plugin to say cancelled", stderr.String())
	}
	for _, pid := range plugins {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("plugin process %d still exists after docker exited: %v", pid, err)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// In a terminal, ^C goes to docker and the plugin together (one process
// group) and docker leaves the plugin to handle it: exit 130 all the same,
// and no plugin process left behind.
func TestDockerPluginCtrlCInTerminalExits130(t *testing.T) {
	env := dockerEnv(t)
	addr, accepted := stuckRegistry(t)
	cmd := exec.Command("docker", "mcptrust", "verify", "--catalog", "demo", addr+"/mcp/stuck:1")
	cmd.Env = env
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	screen := newScreenLog()
	go io.Copy(screen, tty)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-accepted:
	case err := <-done:
		t.Fatalf("docker mcptrust verify exited before contacting the registry: %v\n%s", err, screen.String())
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the plugin never contacted the registry")
	}
	plugins := childrenOf(cmd.Process.Pid)
	t.Cleanup(func() {
		for _, pid := range plugins {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	if _, err := tty.Write([]byte{0x03}); err != nil { // ^C: the terminal's interrupt
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 130 {
			t.Errorf("docker mcptrust verify after ^C: %v, want exit 130\n%s", err, screen.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("docker mcptrust verify did not exit after ^C")
	}
	for _, pid := range plugins {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("plugin process %d still exists after docker exited: %v", pid, err)
		}
	}
}

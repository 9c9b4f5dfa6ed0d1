package main

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
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

// An interrupt reaches docker only (not the plugin: no shared terminal, the
// signal goes to docker's pid). Docker then closes its plugin socket; the
// plugin must take that as the interrupt: exit 130, which docker passes on,
// and no plugin process left behind.
func TestDockerPluginInterruptExits130(t *testing.T) {
	env := dockerEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c // held open, never answered
		}
	}()
	cmd := exec.Command("docker", "mcptrust", "verify", "--catalog", "demo", ln.Addr().String()+"/mcp/stuck:1")
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case c := <-accepted: // the readiness signal: the plugin's request is in flight
		defer c.Close()
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

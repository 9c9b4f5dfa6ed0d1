package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

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
	awaitRequest(t, cmd, accepted, done, "docker mcptrust verify", &stderr)
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
	wantExit130(t, cmd, done, "docker mcptrust verify interrupted", &stderr)
	if !strings.Contains(stderr.String(), "cancelled") {
		t.Errorf("stderr = %q, want the plugin to say cancelled", stderr.String())
	}
	wantGone(t, "plugin process", plugins...)
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
	awaitRequest(t, cmd, accepted, done, "docker mcptrust verify", screen)
	plugins := childrenOf(cmd.Process.Pid)
	t.Cleanup(func() {
		for _, pid := range plugins {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	if _, err := tty.Write([]byte{0x03}); err != nil { // ^C: the terminal's interrupt
		t.Fatal(err)
	}
	wantExit130(t, cmd, done, "docker mcptrust verify after ^C", screen)
	wantGone(t, "plugin process", plugins...)
}

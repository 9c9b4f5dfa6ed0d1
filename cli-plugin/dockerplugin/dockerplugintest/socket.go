// Package dockerplugintest is docker's side of the plugin protocol for
// tests: the socket docker listens on and closes to stop a plugin. Tests
// only; the program never links it.
package dockerplugintest

import (
	"net"
	"path/filepath"
	"testing"
)

// Socket is docker's plugin socket: a unix socket in t's temporary
// directory that accepts one plugin, whose connection it sends on the
// channel. The listener closes when the test ends.
func Socket(t testing.TB) (string, <-chan net.Conn) {
	t.Helper()
	addr := filepath.Join(t.TempDir(), "docker_cli.sock")
	l, err := net.Listen("unix", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	conns := make(chan net.Conn, 1)
	go func() {
		if c, err := l.Accept(); err == nil {
			conns <- c
		}
	}()
	return addr, conns
}

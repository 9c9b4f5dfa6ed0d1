//go:build unix

package dockerplugin

import (
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/cli-plugin/dockerplugin/dockerplugintest"
	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

func stopCounter() (func(), <-chan struct{}) {
	stopped := make(chan struct{}, 2)
	return func() { stopped <- struct{}{} }, stopped
}

// Docker closing the socket stops the plugin; bytes docker might send do not.
func TestWatchSocketStopsWhenDockerCloses(t *testing.T) {
	addr, conns := dockerplugintest.Socket(t)
	stop, stopped := stopCounter()
	if err := WatchSocket(addr, stop); err != nil {
		t.Fatal(err)
	}
	conn := <-conns
	if _, err := conn.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	select {
	case <-stopped:
		t.Fatal("stopped while docker still holds the socket")
	case <-time.After(100 * time.Millisecond):
	}
	conn.Close()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("not stopped after docker closed the socket")
	}
	select {
	case <-stopped:
		t.Error("stop called twice")
	case <-time.After(50 * time.Millisecond):
	}
}

// Linux docker uses an abstract socket ("@name"), which has no file.
func TestWatchSocketAbstract(t *testing.T) {
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: "@mcptrust_test_" + t.Name() + time.Now().Format("150405.000000000"), Net: "unix"})
	if err != nil {
		testenv.Missing(t, "no abstract unix sockets here (Linux has them): %v", err)
	}
	defer l.Close()
	stop, stopped := stopCounter()
	if err := WatchSocket(l.Addr().String(), stop); err != nil {
		t.Fatal(err)
	}
	conn, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("not stopped after docker closed the abstract socket")
	}
}

func TestWatchSocketUnreachable(t *testing.T) {
	stop, stopped := stopCounter()
	if err := WatchSocket(filepath.Join(t.TempDir(), "missing.sock"), stop); err == nil {
		t.Error("WatchSocket(missing socket) = nil, want an error")
	}
	select {
	case <-stopped:
		t.Error("stop called for a socket never connected")
	case <-time.After(50 * time.Millisecond):
	}
}

package dockerplugin

import (
	"fmt"
	"net"
)

// WatchSocket connects to the socket at addr (the value of SocketEnv) and
// calls stop when docker closes it: docker does that on the user's first
// interrupt when the plugin does not share its terminal (with a terminal the
// kernel sends the signal to the plugin itself). Any end of the connection
// counts, so a plugin whose docker is gone stops too. stop runs at most once,
// in its own goroutine. The connection stays open for the life of the process.
func WatchSocket(addr string, stop func()) error {
	conn, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: addr, Net: "unix"})
	if err != nil {
		return fmt.Errorf("connecting to docker's plugin socket: %w", err)
	}
	go func() {
		b := make([]byte, 1)
		for {
			if _, err := conn.Read(b); err != nil {
				stop()
				return
			}
		}
	}()
	return nil
}

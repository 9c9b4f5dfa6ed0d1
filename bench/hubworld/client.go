package hubworld

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// Client is the client side's transport: it dials the world's host names
// (name:443) on their 127.0.0.1 ports and refuses every other address (no
// resolver, no proxy), waits RTT per connect as a TCP handshake would,
// trusts only the world's CA and counts connections.
type Client struct {
	*http.Transport
	dials atomic.Int64
}

// NewClient returns a fresh transport (no pooled connections) for w.
func (w *World) NewClient() *Client {
	c := &Client{}
	d := &net.Dialer{Timeout: 5 * time.Second}
	c.Transport = &http.Transport{
		ForceAttemptHTTP2: true,
		MaxIdleConns:      100,
		IdleConnTimeout:   90 * time.Second,
		TLSClientConfig:   &tls.Config{RootCAs: w.pki.Roots, MinVersion: tls.VersionTLS12},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			lport, ok := w.ports[host]
			if !ok || port != "443" {
				return nil, fmt.Errorf("hubworld: %s is not a host of this world", addr)
			}
			c.dials.Add(1)
			select {
			case <-time.After(w.rtt): // SYN, SYN-ACK
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", lport))
		},
	}
	return c
}

// Dials is the number of connections opened so far.
func (c *Client) Dials() int64 { return c.dials.Load() }

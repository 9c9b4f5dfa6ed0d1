package hubworld

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// StartProxy starts an HTTP CONNECT proxy on loopback that tunnels the
// world's host names (name:443) to their loopback ports, waiting RTT per
// tunnel as the TCP handshake to a far host would, and refuses everything
// else. It is how programs that cannot take a dial seam (crane, cosign, the
// mcptrust binary) reach the world: HTTPS_PROXY=<its URL> and no name is
// ever resolved. The proxy stops with the world.
func (w *World) StartProxy() string {
	srv := httptest.NewServer(http.HandlerFunc(w.tunnel))
	w.srvs = append(w.srvs, srv)
	return srv.URL
}

func (w *World) tunnel(rw http.ResponseWriter, r *http.Request) {
	host, port, err := net.SplitHostPort(r.Host)
	lport, ok := w.ports[host]
	if r.Method != http.MethodConnect || err != nil || !ok || port != "443" {
		http.Error(rw, fmt.Sprintf("hubworld proxy: %s %s is not a host of this world", r.Method, r.Host), http.StatusForbidden)
		return
	}
	time.Sleep(w.rtt) // SYN, SYN-ACK to the far host
	up, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", lport))
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadGateway)
		return
	}
	hj, ok := rw.(http.Hijacker)
	if !ok {
		up.Close()
		http.Error(rw, "no hijacking", http.StatusInternalServerError)
		return
	}
	down, buf, err := hj.Hijack()
	if err != nil {
		up.Close()
		return
	}
	_, _ = io.WriteString(down, "HTTP/1.1 200 Connection Established\r\n\r\n")
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _, _ = io.Copy(up, buf); closeWrite(up) }()
	go func() { defer wg.Done(); _, _ = io.Copy(down, up); closeWrite(down) }()
	wg.Wait()
	up.Close()
	down.Close()
}

func closeWrite(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
}

// CAPEM is the world's CA certificate (PEM), for SSL_CERT_FILE.
func (w *World) CAPEM() []byte { return w.pki.CAPEM }

// PushSigned pushes a single-platform image labelled with revision to
// mcp/<name>:latest through the backing registry and signs it, as Docker's
// pipeline does, in mcp/signatures naming the image as the world's registry
// serves it. It returns the image digest.
func (w *World) PushSigned(name, revision string, key *verifytest.Key, rekor *verifytest.Rekor) (string, error) {
	d, err := verifytest.PushImage(w.Backing()+"/mcp/"+name+":latest", verifytest.Platform{Labels: verifytest.Revision(revision)})
	if err != nil {
		return "", err
	}
	sig, err := key.NewSig(verifytest.Claims{Digest: d, Reference: w.Registry + "/mcp/" + name, Revision: revision}, rekor)
	if err != nil {
		return "", err
	}
	return d, verifytest.PushSignatures(w.Backing()+"/mcp/signatures", d, []verifytest.Sig{sig})
}

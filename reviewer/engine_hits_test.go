//go:build !noengine

package reviewer

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// hitRequest is one request a hitServer received.
type hitRequest struct {
	Method, Path string
	Header       http.Header
	Body         string
}

// hitServer is an HTTP server on this host that records every request:
// a canary the agent must never reach, or the fake model provider the
// proxy forwards to.
type hitServer struct {
	srv  *http.Server
	ln   net.Listener
	mu   sync.Mutex
	hits []hitRequest
}

// newHitServer listens on addr, with TLS when cfg is not nil.
func newHitServer(addr string, cfg *tls.Config) (*hitServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	if cfg != nil {
		ln = tls.NewListener(ln, cfg)
	}
	h := &hitServer{ln: ln}
	h.srv = &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(h.serve)}
	go h.srv.Serve(ln)
	return h, nil
}

func (h *hitServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	h.mu.Lock()
	h.hits = append(h.hits, hitRequest{r.Method, r.URL.RequestURI(), r.Header.Clone(), string(body)})
	h.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"id":"msg_test","type":"message","content":[]}`)
}

// port is the port the server listens on.
func (h *hitServer) port() int { return h.ln.Addr().(*net.TCPAddr).Port }

func (h *hitServer) requests() []hitRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hitRequest(nil), h.hits...)
}

func (h *hitServer) Close() { h.srv.Close() }

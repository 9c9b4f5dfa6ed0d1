package proxy

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// maxSecretFile caps the key and token files.
const maxSecretFile = 16 << 10

// Main runs the proxy as a command: the hidden `mcptrust reviewer-proxy`
// inside the proxy container. It serves until ctx is done. Flags:
//
//	--upstream anthropic|openai   provider (and fixed upstream URL)
//	--key-file FILE               the real API key (a Compose secret)
//	--token-file FILE             the per-run client token (a Compose secret)
//	--listen ADDR                 default :8080
//	--max-requests N              per-run budget
//	--test-upstream URL           tests only: replace the fixed upstream
//	--probe ADDR                  health check: connect to ADDR and exit
func Main(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("reviewer-proxy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	upstream := fs.String("upstream", "", "provider: anthropic or openai")
	keyFile := fs.String("key-file", "", "file holding the API key")
	tokenFile := fs.String("token-file", "", "file holding the per-run client token")
	listen := fs.String("listen", ":8080", "address to listen on")
	maxRequests := fs.Int64("max-requests", DefaultMaxRequests, "request budget for the run")
	testUpstream := fs.String("test-upstream", "", "tests only: upstream base URL replacing the provider's")
	probe := fs.String("probe", "", "connect to this address and exit (container health check)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("parsing proxy flags: %w", err)
	}
	if *probe != "" {
		return probeAddr(*probe)
	}
	cfg := Config{Provider: Provider(*upstream), Upstream: *testUpstream, MaxRequests: *maxRequests, Log: stderr}
	var err error
	if cfg.Key, err = readSecret("key", *keyFile); err != nil {
		return err
	}
	if cfg.Token, err = readSecret("token", *tokenFile); err != nil {
		return err
	}
	p, err := New(cfg)
	if err != nil {
		return err
	}
	return Serve(ctx, *listen, p, stderr)
}

// ReadHeaderTimeout bounds how long a client may take to send its request
// headers (slowloris).
const ReadHeaderTimeout = 10 * time.Second

// Serve runs an HTTP server for h on addr until ctx is done.
func Serve(ctx context.Context, addr string, h http.Handler, stderr io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	fmt.Fprintf(stderr, "reviewer-proxy: listening on %s\n", ln.Addr())
	return serveListener(ctx, ln, h, stderr, ReadHeaderTimeout)
}

func serveListener(ctx context.Context, ln net.Listener, h http.Handler, stderr io.Writer, headerTimeout time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: headerTimeout,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(stderr, "reviewer-proxy: ", 0),
	}
	stop := context.AfterFunc(ctx, func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	})
	defer stop()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}

// readSecret reads a key or token file. Errors never quote the contents.
func readSecret(name, path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("reading %s: no --%s-file", name, name)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxSecretFile {
		return "", fmt.Errorf("reading %s: file larger than %d bytes", name, maxSecretFile)
	}
	return strings.TrimSpace(string(b)), nil
}

func probeAddr(addr string) error {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return fmt.Errorf("probing %s: %w", addr, err)
	}
	return c.Close()
}

// Command verifyworld serves a loopback OCI registry holding n signed mcp/*
// images behind an injected round-trip time, for bench/verify-vs-cosign.sh
// to verify with cosign + crane and with mcptrust.
//
//	verifyworld -dir DIR [-n 300] [-rtt 20ms] [-log FILE] [-hub]
//
// The images are pushed and signed (classic cosign .sig layout in
// HOST/mcp/signatures, Rekor bundles from a test log) with no delay; only
// then is the delay switched on, so every request afterwards waits rtt
// before it is served: one HTTP request costs one round trip.
//
// DIR receives catalog.yaml (published-catalog shape, every image pinned),
// key.pub (the signing key), rekor.pub (the test log's key), host (the
// registry's host:port), servers ("NAME PIN", one a line) and, last,
// ready. With -log, every request served with the delay is appended to FILE
// as "METHOD PATH UNIX_MICROS" on arrival, so a caller can count one
// command's requests and round trips.
//
// With -hub it serves bench/hubworld instead: Docker Hub's shape (a TLS
// registry named index.docker.io whose bearer challenge names the token
// service auth.docker.io, blobs redirected to a CDN host, RTT on every
// connect, handshake and request), reachable only through an HTTP CONNECT
// proxy on loopback that maps those names to loopback ports (no name is ever
// resolved). DIR then also receives proxy (its URL, for HTTPS_PROXY) and
// ca.pem (the world's CA, for SSL_CERT_FILE), and host is index.docker.io.
//
// It then serves until SIGINT or SIGTERM, or until its stdin reaches end of
// file, so a caller that dies takes it along. Give it a stdin that stays
// open (a pipe or a fifo the caller holds): /dev/null stops it at once.
package main

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mcp-trust/mcp-trust/bench/hubworld"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

func main() {
	dir := flag.String("dir", "", "directory to write catalog.yaml, key.pub, rekor.pub, host, servers and ready into")
	n := flag.Int("n", 300, "signed images to seed")
	rtt := flag.Duration("rtt", 20*time.Millisecond, "delay before serving each request, once seeded")
	logPath := flag.String("log", "", "append \"METHOD PATH UNIX_MICROS\" of every delayed request to this file")
	hub := flag.Bool("hub", false, "serve the Docker Hub-shaped world (bench/hubworld) behind a CONNECT proxy")
	flag.Parse()
	if *dir == "" || *n < 1 || *rtt < 0 {
		flag.Usage()
		os.Exit(2)
	}
	var reqLog io.Writer = io.Discard
	var err error
	if *logPath != "" {
		f, err := os.OpenFile(*logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, "verifyworld:", err)
			os.Exit(1)
		}
		defer f.Close()
		reqLog = f
	}
	var stop func()
	if *hub {
		stop, err = runHub(*dir, *n, *rtt, reqLog)
	} else {
		var reg *verifytest.Registry
		if reg, err = run(*dir, *n, *rtt, reqLog); err == nil {
			stop = reg.Close
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "verifyworld:", err)
		os.Exit(1)
	}
	defer stop()
	wait()
}

// run starts the registry, seeds it and writes the files. The delay is
// armed only after the last push.
func run(dir string, n int, rtt time.Duration, reqLog io.Writer) (*verifytest.Registry, error) {
	var armed verifytest.Flag
	delay := verifytest.Delay(rtt)
	reg := verifytest.NewRegistry(func(h http.Handler) http.Handler {
		return verifytest.Switch(func(string) bool { return true }, armed.On, logged(reqLog, delay(h)))(h)
	})
	key, err := verifytest.NewKey()
	if err != nil {
		reg.Close()
		return nil, err
	}
	rekor, err := verifytest.NewRekor()
	if err != nil {
		reg.Close()
		return nil, err
	}
	if err := seed(dir, n, reg.Host, reg.PushSigned, key, rekor, nil); err != nil {
		reg.Close()
		return nil, err
	}
	armed.Set(true)
	return reg, writeAtomic(filepath.Join(dir, "ready"), []byte(fmt.Sprintf("%d images, %s per request\n", n, rtt)))
}

// runHub starts the Docker Hub-shaped world and its proxy, seeds it and
// writes the files; the world's delays apply only to its front hosts, not
// to the seeding.
func runHub(dir string, n int, rtt time.Duration, reqLog io.Writer) (func(), error) {
	w, err := hubworld.Start(rtt)
	if err != nil {
		return nil, err
	}
	w.Log = reqLog
	proxy := w.StartProxy()
	key, err := verifytest.NewKey()
	if err == nil {
		var rekor *verifytest.Rekor
		if rekor, err = verifytest.NewRekor(); err == nil {
			err = seed(dir, n, w.Registry, w.PushSigned, key, rekor, map[string][]byte{
				"proxy": []byte(proxy + "\n"), "ca.pem": w.CAPEM()})
		}
	}
	if err == nil {
		err = writeAtomic(filepath.Join(dir, "ready"), []byte(fmt.Sprintf("%d images, Docker Hub-shaped, %s per connect, handshake and request\n", n, rtt)))
	}
	if err != nil {
		w.Close()
		return nil, err
	}
	return w.Close, nil
}

// seed pushes and signs n images with push and writes every file but ready.
func seed(dir string, n int, host string, push func(name, pin string, k *verifytest.Key, r *verifytest.Rekor) (string, error),
	key *verifytest.Key, rekor *verifytest.Rekor, extra map[string][]byte) error {
	var cat, servers strings.Builder
	cat.WriteString("name: bench\nregistry:\n")
	for i := range n {
		name := fmt.Sprintf("bench-%03d", i)
		sum := sha1.Sum([]byte(name))
		pin := hex.EncodeToString(sum[:])
		if _, err := push(name, pin, key, rekor); err != nil {
			return fmt.Errorf("seeding %s: %w", name, err)
		}
		fmt.Fprintf(&cat, "  %s:\n    type: server\n    title: %s\n    image: %s/mcp/%s\n    source: https://github.com/example/%s/tree/%s\n",
			name, name, host, name, name, pin)
		servers.WriteString(name + " " + pin + "\n")
	}
	files := map[string][]byte{
		"catalog.yaml": []byte(cat.String()),
		"key.pub":      key.PublicPEM(),
		"rekor.pub":    rekor.PublicPEM(),
		"host":         []byte(host + "\n"),
		"servers":      []byte(servers.String()),
	}
	for name, data := range extra {
		files[name] = data
	}
	for name, data := range files {
		if err := writeAtomic(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

// logged writes one line per request to w, "METHOD PATH UNIX_MICROS" as it
// arrives, before handing it to h.
func logged(w io.Writer, h http.Handler) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fmt.Fprintf(w, "%s %s %d\n", r.Method, r.URL.Path, time.Now().UnixMicro())
		mu.Unlock()
		h.ServeHTTP(rw, r)
	})
}

// writeAtomic writes data to a temporary file and renames it into place, so
// a reader polling for the file never sees it half written.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// wait blocks until SIGINT/SIGTERM or end of file on stdin.
func wait() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	eof := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(eof)
	}()
	select {
	case <-ctx.Done():
	case <-eof:
	}
}

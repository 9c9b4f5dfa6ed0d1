package ocitest

import (
	"net/http"
	"strconv"
	"time"
)

// Status answers every request with code.
func Status(code int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, http.StatusText(code), code)
	})
}

// Hang holds every request until the client gives up (or max passes, so a
// test can never wedge the server).
func Hang(max time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(max):
		}
	})
}

// Oversize serves n bytes of JSON-ish filler with an honest Content-Length.
func Oversize(n int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
		w.Header().Set("Content-Length", strconv.Itoa(n))
		writeFiller(w, int64(n))
	})
}

// Endless streams filler with no Content-Length until the client hangs up
// (or max bytes, so it stops by itself).
func Endless(max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		writeFiller(w, max)
	})
}

// Truncated promises declared bytes but sends only sent, then closes.
func Truncated(declared, sent int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(declared))
		writeFiller(w, int64(sent))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler) // drop the connection mid-body
	})
}

func writeFiller(w http.ResponseWriter, n int64) {
	chunk := make([]byte, 32<<10)
	for i := range chunk {
		chunk[i] = ' '
	}
	for n > 0 {
		c := chunk
		if int64(len(c)) > n {
			c = c[:n]
		}
		if _, err := w.Write(c); err != nil {
			return
		}
		n -= int64(len(c))
	}
}

// Serve answers with fixed bytes and headers: a registry that lies.
func Serve(body []byte, contentType string, header map[string]string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		for k, v := range header {
			w.Header().Set(k, v)
		}
		_, _ = w.Write(body)
	})
}

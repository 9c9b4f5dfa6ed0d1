package catalog

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The default fetcher's scheme policy is checked before any connection:
// none of these URLs is ever dialled.
func TestDefaultFetcherPolicy(t *testing.T) {
	for _, u := range []string{
		"http://example.com/c.yaml",
		"http://10.0.0.1/c.yaml",
		"https://user:secret@example.com/c.yaml",
		"ftp://example.com/c.yaml",
		"file:///etc/passwd",
		"https:///nohost",
	} {
		_, err := DefaultFetcher().Fetch(context.Background(), u)
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrUnsupported) {
			t.Errorf("DefaultFetcher().Fetch(%q) = %v, want *InputError wrapping ErrUnsupported", u, err)
		}
		if _, err := Load(context.Background(), u); !errors.As(err, &ie) {
			t.Errorf("Load(%q) = %v, want *InputError", u, err)
		}
	}
}

func TestDefaultFetcherRedirectsAndStatus(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(catalogV1)) })
	mux.HandleFunc("/same", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("/to-https", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://127.0.0.1:1/ok", http.StatusFound)
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://example.com/ok", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		path, wantErr string
		wantStatus    int
	}{
		{"/same", "", 0},
		{"/to-https", "refusing redirect from http to https", 0},
		{"/away", "only https (or http to a loopback host)", 0},
		{"/loop", "stopped after 5 redirects", 0},
		{"/missing", "HTTP 404", 404},
	}
	for _, tt := range tests {
		c, err := Load(context.Background(), srv.URL+tt.path)
		if tt.wantErr == "" {
			if err != nil || len(c.Servers) != 1 {
				t.Errorf("Load(%s) = %v, want the catalog", tt.path, err)
			}
			continue
		}
		var fe *FetchError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.wantErr) || fe.Status != tt.wantStatus {
			t.Errorf("Load(%s) = %v, want *FetchError containing %q, status %d", tt.path, err, tt.wantErr, tt.wantStatus)
		}
	}
}

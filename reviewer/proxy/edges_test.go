package proxy

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The edges of the proxy's limits, each pinned on both sides. A mutation
// run (make mutate) found these unpinned: moving a boundary by one, or
// dropping the allowlisted headers or most of a streamed response, passed
// every other test.

func TestCheckSecretEdges(t *testing.T) {
	tests := []struct {
		v  string
		ok bool
	}{
		{"!abc~", true}, // 0x21 and 0x7e: the first and last bytes allowed
		{"ab c", false}, // 0x20
		{"abc\x7f", false},
		{"ab\x1fc", false},
		{"abc\u00e9", false},
		{"", false},
	}
	for _, tt := range tests {
		if err := checkSecret("token", tt.v); (err == nil) != tt.ok {
			t.Errorf("checkSecret(%q) = %v, want ok=%v", tt.v, err, tt.ok)
		}
		if err := checkSecret("token", tt.v); err != nil && tt.v != "" && strings.Contains(err.Error(), tt.v) {
			t.Errorf("checkSecret(%q) quotes the secret: %v", tt.v, err)
		}
	}
}

func TestCheckJSONDepthEdge(t *testing.T) {
	nest := func(n int) []byte { return []byte(strings.Repeat("[", n) + strings.Repeat("]", n)) }
	if err := checkJSON(nest(maxDepth)); err != nil {
		t.Errorf("checkJSON(%d deep) = %v, want nil", maxDepth, err)
	}
	if err := checkJSON(nest(maxDepth + 1)); err == nil || !strings.Contains(err.Error(), "too deep") {
		t.Errorf("checkJSON(%d deep) = %v, want nested too deep", maxDepth+1, err)
	}
}

func TestReadSecretSizeEdge(t *testing.T) {
	dir := t.TempDir()
	at := filepath.Join(dir, "at")
	over := filepath.Join(dir, "over")
	if err := os.WriteFile(at, bytes.Repeat([]byte("k"), maxSecretFile), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, bytes.Repeat([]byte("k"), maxSecretFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if v, err := readSecret("key", at); err != nil || len(v) != maxSecretFile {
		t.Errorf("readSecret(%d bytes) = %d bytes, %v; want it read", maxSecretFile, len(v), err)
	}
	if _, err := readSecret("key", over); err == nil || strings.Contains(err.Error(), "kkkk") {
		t.Errorf("readSecret(%d bytes) = %v, want a size error that does not quote the file", maxSecretFile+1, err)
	}
}

// A body of exactly MaxBody bytes is forwarded; one byte more is 413 and
// never reaches the upstream.
func TestMaxBodyEdge(t *testing.T) {
	limit := int64(len(okAnthropicBody))
	tp := newTestProxy(t, Anthropic, func(c *Config) { c.MaxBody = limit })
	if got := tp.post(t, "/v1/messages", okAnthropicBody, nil).StatusCode; got != http.StatusOK {
		t.Fatalf("POST of exactly MaxBody (%d) bytes = %d, want 200", limit, got)
	}
	over := strings.Replace(okAnthropicBody, `"review /src"`, `"review /src/"`, 1)
	if got := tp.post(t, "/v1/messages", over, nil).StatusCode; got != http.StatusRequestEntityTooLarge {
		t.Errorf("POST of MaxBody+1 bytes = %d, want 413", got)
	}
	if n := len(tp.up.requests()); n != 1 {
		t.Errorf("upstream got %d requests, want only the one within the limit", n)
	}
}

// The allowlisted headers reach the upstream with their values, and a
// streamed response longer than one read buffer arrives whole.
func TestForwardsAllowlistedHeadersAndWholeStream(t *testing.T) {
	tp := newTestProxy(t, Anthropic, nil)
	long := bytes.Repeat([]byte("data: {\"type\":\"ping\"}\n\n"), 8000) // ~180 KiB: several 32 KiB reads
	tp.up.reply = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 0; i < len(long); i += 10000 {
			_, _ = w.Write(long[i:min(i+10000, len(long))])
			w.(http.Flusher).Flush()
		}
	}
	req, err := http.NewRequest(http.MethodPost, tp.srv.URL+"/v1/messages", strings.NewReader(okAnthropicBody))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Api-Key", testToken)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Anthropic-Version", "2023-06-01")
	req.Header.Set("User-Agent", "claude-cli/test")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || !bytes.Equal(got, long) {
		t.Errorf("streamed response: status %d, %d of %d bytes (err %v)", resp.StatusCode, len(got), len(long), err)
	}
	reqs := tp.up.requests()
	if len(reqs) != 1 {
		t.Fatalf("upstream got %d requests, want 1", len(reqs))
	}
	for name, want := range map[string]string{"Content-Type": "application/json", "Accept": "text/event-stream",
		"Anthropic-Version": "2023-06-01", "User-Agent": "claude-cli/test"} {
		if v := reqs[0].Header.Get(name); v != want {
			t.Errorf("upstream saw %s = %q, want %q", name, v, want)
		}
	}
}

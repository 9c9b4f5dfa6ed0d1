package commands

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// tarpitCatalog writes a catalog of n servers whose images are on a
// loopback registry that never answers, and counts the requests it gets.
func tarpitCatalog(t *testing.T, n int) (path string, reached *atomic.Int32) {
	t.Helper()
	reached = new(atomic.Int32)
	hang := verifytest.Hang(20 * time.Second)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		hang.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	host := strings.TrimPrefix(srv.URL, "http://")
	var b strings.Builder
	b.WriteString("name: test\ndisplayName: Test\nregistry:\n")
	for i := range n {
		fmt.Fprintf(&b, "  s%d:\n    type: server\n    title: s%d\n    image: %s/mcp/s%d\n    source: https://github.com/example/s/tree/%s\n", i, i, host, i, pinA)
	}
	path = filepath.Join(t.TempDir(), "catalog.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, reached
}

// TestVerifyTimeoutBoundsTheRun is issue 9 item 5: --timeout bounds a run on
// a registry that never answers; every target is undecided with the reason,
// the exit code is 3, and no more requests than the concurrency reached the
// tarpit.
func TestVerifyTimeoutBoundsTheRun(t *testing.T) {
	cat, reached := tarpitCatalog(t, 12)
	start := time.Now()
	r := runCommand(t, false, "verify", "--catalog", cat, "--all", "--concurrency", "4", "--timeout", "300ms", "--format", "json")
	if el := time.Since(start); el > 15*time.Second {
		t.Errorf("verify --timeout 300ms took %v against a tarpit", el)
	}
	if code := ExitCode(r.err); code != ExitUndecided {
		t.Errorf("exit = %d (%v), want %d\n%s", code, r.err, ExitUndecided, r.stdout)
	}
	if n := strings.Count(r.stdout, `"verdict": "undecided"`); n != 12 {
		t.Errorf("%d of 12 results undecided, want all\n%s", n, r.stdout)
	}
	if !strings.Contains(r.stdout, "the run's --timeout of 300ms passed") {
		t.Errorf("no result names the run's timeout:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "--timeout of 300ms passed") {
		t.Errorf("stderr does not say the run timed out: %q", r.stderr)
	}
	if n := reached.Load(); n > 4 {
		t.Errorf("the tarpit received %d requests, want at most 4 (the concurrency)", n)
	}
}

func TestVerifyTimeoutFlag(t *testing.T) {
	for _, v := range []string{"0s", "-1m"} {
		r := runCommand(t, false, "verify", "--timeout", v, "x")
		if ExitCode(r.err) != ExitInput || !strings.Contains(r.err.Error(), "--timeout") {
			t.Errorf("verify --timeout %s: exit %d, err %v; want %d naming --timeout", v, ExitCode(r.err), r.err, ExitInput)
		}
	}
}

package reviewer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// The pre-scan's own tests have helpers like these; the reviewer's tests
// (checkout, final report, store, engine) need them without importing
// another package's test code.

func newTestScanner(t *testing.T, opts ...prescan.Option) *prescan.Scanner {
	t.Helper()
	s, err := prescan.NewScanner(opts...)
	if err != nil {
		t.Fatalf("NewScanner() = %v", err)
	}
	return s
}

// ruleSeverity is the highest severity the rule reported, risk.None if none.
func ruleSeverity(res *prescan.ScanResult, rule string) risk.Level {
	sev := risk.None
	for _, f := range res.Findings {
		if f.Rule == rule {
			sev = max(sev, f.Severity)
		}
	}
	return sev
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyFile copies src to a new file dst with mode perm.
func copyFile(src, dst string, perm os.FileMode) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, perm)
}

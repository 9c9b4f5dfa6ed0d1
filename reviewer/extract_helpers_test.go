package reviewer

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

const sentinel = "SENTINEL-do-not-read-7f3a9c"

// outputDir makes an output directory with a valid labels.txt and, unless
// report is nil, report.md.
func outputDir(t *testing.T, report []byte) string {
	t.Helper()
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, LabelsFile), "security-risk:info\n")
	if report != nil {
		mustWrite(t, filepath.Join(dir, ReportFile), string(report))
	}
	return dir
}

func sentinelFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret")
	mustWrite(t, p, sentinel)
	return p
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// extractWithin runs Extract and fails the test if it blocks past limit.
func extractWithin(t *testing.T, dir string, limit time.Duration) (*Outputs, error) {
	t.Helper()
	type result struct {
		out *Outputs
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := Extract(dir)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-time.After(limit):
		t.Fatalf("Extract(%s) blocked for %v", dir, limit)
		return nil, nil
	}
}

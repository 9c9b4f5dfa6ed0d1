//go:build unix

package reviewer

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestExtractNeverReadsThroughASwappedLink covers THREATS E4: while a
// goroutine keeps swapping report.md between a regular file and a symlink
// (to a sentinel outside the directory, and to one inside it), 1000
// extractions never return the sentinel's content.
func TestExtractNeverReadsThroughASwappedLink(t *testing.T) {
	for _, where := range []string{"outside", "inside"} {
		t.Run(where, func(t *testing.T) {
			dir := outputDir(t, []byte("REPORT\n"))
			target := sentinelFile(t)
			if where == "inside" {
				target = filepath.Join(dir, "inside")
			}
			stop := make(chan struct{})
			var naiveHits atomic.Int64
			done := make(chan struct{})
			go func() {
				defer close(done)
				flipReport(dir, target, stop, &naiveHits)
			}()
			ok := 0
			for range 1000 {
				runtime.Gosched() // let the flipper run between extractions
				out, err := Extract(dir)
				if err == nil {
					ok++
					if strings.Contains(string(out.Report), sentinel) {
						t.Fatalf("Extract returned the sentinel through a swapped link: %q", out.Report)
					}
				} else if strings.Contains(err.Error(), sentinel) {
					t.Fatalf("Extract error carries the sentinel: %v", err)
				}
			}
			close(stop)
			<-done
			t.Logf("%d of 1000 extractions succeeded; a naive os.ReadFile read the sentinel %d times", ok, naiveHits.Load())
			if naiveHits.Load() == 0 {
				t.Errorf("the flipper never exposed the sentinel to a naive reader: the race was not exercised")
			}
		})
	}
}

// flipReport swaps report.md between a regular file and a symlink to target
// by renaming prepared entries over it, recreating what Extract deletes, and
// counts how often a naive reader following the path sees the sentinel.
func flipReport(dir, target string, stop <-chan struct{}, naiveHits *atomic.Int64) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		if filepath.Dir(target) == dir {
			_ = os.WriteFile(target, []byte(sentinel), 0o644)
		}
		_ = os.WriteFile(filepath.Join(dir, LabelsFile), []byte("security-risk:info\n"), 0o644)
		tmp := filepath.Join(dir, ".flip")
		_ = os.Remove(tmp)
		if i%2 == 0 {
			_ = os.WriteFile(tmp, []byte("REPORT\n"), 0o644)
		} else {
			_ = os.Symlink(target, tmp)
		}
		_ = os.Rename(tmp, filepath.Join(dir, ReportFile))
		if b, err := os.ReadFile(filepath.Join(dir, ReportFile)); err == nil && strings.Contains(string(b), sentinel) {
			naiveHits.Add(1)
		}
	}
}

// TestExtractRefusesDeviceNode covers THREATS E2's mknod case. Creating a
// device node needs root with CAP_MKNOD; without it the test is skipped.
func TestExtractRefusesDeviceNode(t *testing.T) {
	dir := outputDir(t, nil)
	// Character device 1:3 is /dev/null on Linux.
	err := syscall.Mknod(filepath.Join(dir, ReportFile), syscall.S_IFCHR|0o644, 1<<8|3)
	if err != nil {
		t.Skipf("cannot create a device node (needs root with CAP_MKNOD): %v", err)
	}
	_, err = extractWithin(t, dir, 5e9)
	if !errors.Is(err, ErrNotRegular) {
		t.Fatalf("Extract(report.md is a character device) = %v, want ErrNotRegular", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, ReportFile)); !os.IsNotExist(err) {
		t.Errorf("device node left in the output directory: %v", err)
	}
}

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
	"time"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
)

// TestExtractNeverReadsThroughASwappedLink covers THREATS E4: while a
// goroutine keeps swapping report.md between a regular file and a symlink,
// at least 1000 extractions never return the link target's content. Targets: a
// sentinel outside the directory (os.Root refuses it) and labels.txt inside
// it (os.Root would follow that one; the lstat/fstat identity check must
// catch the swap).
func TestExtractNeverReadsThroughASwappedLink(t *testing.T) {
	const labels = "security-risk:info\n"
	for _, where := range []string{"outside", "inside"} {
		t.Run(where, func(t *testing.T) {
			dir := outputDir(t, []byte("REPORT\n"))
			target, secret := sentinelFile(t), sentinel
			if where == "inside" {
				target, secret = filepath.Join(dir, LabelsFile), labels
			}
			var files, links atomic.Int64
			stop, done := make(chan struct{}), make(chan struct{})
			staging := t.TempDir() // outside dir, where Extract's cleanup cannot reach
			go func() {
				defer close(done)
				flipReport(dir, staging, target, stop, &files, &links)
			}()
			// At least 1000 extractions, and more until the flipper has made
			// 50 swaps each way (file systems here can be slow to rename).
			ok, refused := 0, 0
			for i := 0; i < 1000 || (i < 50000 && (files.Load() < 50 || links.Load() < 50)); i++ {
				runtime.Gosched() // let the flipper run between extractions
				out, err := Extract(dir)
				switch {
				case err == nil && string(out.Report) == secret, err == nil && strings.Contains(string(out.Report), sentinel):
					t.Fatalf("Extract returned the link target's content: %q", out.Report)
				case err == nil:
					ok++
				case strings.Contains(err.Error(), sentinel):
					t.Fatalf("Extract error carries the sentinel: %v", err)
				case errors.Is(err, fsafe.ErrNotRegular), errors.Is(err, fsafe.ErrChanged):
					refused++
				}
			}
			close(stop)
			<-done
			t.Logf("%d extractions succeeded, %d refused a link; flipper wrote %d files, %d links", ok, refused, files.Load(), links.Load())
			if ok == 0 || refused == 0 || files.Load() < 50 || links.Load() < 50 {
				t.Errorf("the race was not exercised: %d ok, %d refused, %d files, %d links", ok, refused, files.Load(), links.Load())
			}
		})
	}
}

// flipReport swaps report.md between a regular file and a symlink to target
// by renaming an entry prepared in staging over it, and rewrites labels.txt
// when Extract has removed or refused it.
func flipReport(dir, staging, target string, stop <-chan struct{}, files, links *atomic.Int64) {
	tmp := filepath.Join(staging, "flip")
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		if _, err := os.Lstat(filepath.Join(dir, LabelsFile)); err != nil {
			_ = os.WriteFile(filepath.Join(dir, LabelsFile), []byte("security-risk:info\n"), 0o644)
		}
		_ = os.Remove(tmp)
		var err error
		if i%2 == 0 {
			err = os.WriteFile(tmp, []byte("REPORT\n"), 0o644)
		} else {
			err = os.Symlink(target, tmp)
		}
		if err == nil && os.Rename(tmp, filepath.Join(dir, ReportFile)) == nil {
			if i%2 == 0 {
				files.Add(1)
			} else {
				links.Add(1)
			}
		}
	}
}

// TestExtractRefusesDeviceNode covers THREATS E2's mknod case. Creating a
// device node needs root with CAP_MKNOD; without it the test is skipped
// (it fails in CI, which runs as root).
func TestExtractRefusesDeviceNode(t *testing.T) {
	dir := outputDir(t, nil)
	// Character device 1:3 is /dev/null on Linux.
	err := syscall.Mknod(filepath.Join(dir, ReportFile), syscall.S_IFCHR|0o644, 1<<8|3)
	if err != nil {
		testenv.Missing(t, "cannot create a device node (needs root with CAP_MKNOD): %v", err)
	}
	_, err = extractWithin(t, dir, 5e9)
	if !errors.Is(err, fsafe.ErrNotRegular) {
		t.Fatalf("Extract(report.md is a character device) = %v, want ErrNotRegular", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, ReportFile)); !os.IsNotExist(err) {
		t.Errorf("device node left in the output directory: %v", err)
	}
}

// TestOpenRegularCatchesASwapAfterLstat makes the E4 swap land in the window
// between the lstat and the open every time: the check on the opened
// descriptor must refuse it, without blocking.
func TestOpenRegularCatchesASwapAfterLstat(t *testing.T) {
	tests := []struct {
		name string
		swap func(report string) error
		want error
	}{
		{"symlink to a file inside", func(report string) error {
			return errors.Join(os.Remove(report), os.Symlink(LabelsFile, report))
		}, fsafe.ErrChanged},
		{"FIFO", func(report string) error {
			return errors.Join(os.Remove(report), syscall.Mkfifo(report, 0o644))
		}, fsafe.ErrNotRegular},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := outputDir(t, []byte("REPORT\n"))
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			var swapErr error
			errc := make(chan error, 1)
			go func() {
				f, err := fsafe.OpenRegularSwap(root, ReportFile, MaxReportSize, true, func() {
					swapErr = tt.swap(filepath.Join(dir, ReportFile))
				})
				if f != nil {
					f.Close()
				}
				errc <- err
			}()
			select {
			case err := <-errc:
				if swapErr != nil {
					t.Fatalf("swapping report.md for a %s: %v", tt.name, swapErr)
				}
				if !errors.Is(err, tt.want) {
					t.Errorf("openRegular(swapped to %s after lstat) = %v, want %v", tt.name, err, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("openRegular(swapped to %s after lstat) blocked", tt.name)
			}
		})
	}
}

//go:build unix

package reviewer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
)

func TestExtractTakesOnlyTheTwoFiles(t *testing.T) {
	dir := outputDir(t, []byte("# report\n"))
	outside := sentinelFile(t)
	mustWrite(t, filepath.Join(dir, "notes.txt"), "x")
	mustWrite(t, filepath.Join(dir, "sub", "deep", "f"), "x")
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	out, err := Extract(dir)
	if err != nil {
		t.Fatalf("Extract = %v", err)
	}
	if string(out.Report) != "# report\n" || string(out.Labels) != "security-risk:info\n" {
		t.Errorf("Extract = %q, %q; want the two files", out.Report, out.Labels)
	}
	if got := strings.Join(dirNames(t, dir), ","); got != "labels.txt,report.md" {
		t.Errorf("output directory after Extract = %s, want labels.txt,report.md", got)
	}
	if got := readFileT(t, outside); got != sentinel {
		t.Errorf("link target after cleanup = %q, want it untouched", got)
	}
}

func TestExtractRefuses(t *testing.T) {
	outside := sentinelFile(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		file  string
		want  error
	}{
		{"symlink to /etc/passwd", symlinkTo("/etc/passwd"), ReportFile, fsafe.ErrNotRegular},
		{"symlink to a file outside", symlinkTo(outside), ReportFile, fsafe.ErrNotRegular},
		{"symlink to a file inside", func(t *testing.T, dir string) {
			mustWrite(t, filepath.Join(dir, "inside"), sentinel)
			symlinkTo("inside")(t, dir)
		}, ReportFile, fsafe.ErrNotRegular},
		{"FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, ReportFile), 0o644); err != nil {
				testenv.Missing(t, "mkfifo not available: %v", err)
			}
		}, ReportFile, fsafe.ErrNotRegular},
		{"directory", func(t *testing.T, dir string) {
			mustWrite(t, filepath.Join(dir, ReportFile, "x"), sentinel)
		}, ReportFile, fsafe.ErrNotRegular},
		{"sparse 2 GiB", func(t *testing.T, dir string) {
			f, err := os.Create(filepath.Join(dir, ReportFile))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(2 << 30); err != nil {
				t.Fatal(err)
			}
		}, ReportFile, fsafe.ErrTooLarge},
		{"report one byte over", writeSized(ReportFile, MaxReportSize+1), ReportFile, fsafe.ErrTooLarge},
		{"labels over 1 KiB", writeSized(LabelsFile, MaxLabelsSize+1), LabelsFile, fsafe.ErrTooLarge},
		{"hard link", func(t *testing.T, dir string) {
			mustWrite(t, filepath.Join(dir, ReportFile), "# r\n")
			if err := os.Link(filepath.Join(dir, ReportFile), filepath.Join(dir, "second")); err != nil {
				testenv.Missing(t, "hard links not available: %v", err)
			}
		}, ReportFile, fsafe.ErrLinked},
		{"missing report", func(*testing.T, string) {}, ReportFile, fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := outputDir(t, nil)
			tt.setup(t, dir)
			out, err := extractWithin(t, dir, 5*time.Second)
			var xe *ExtractError
			if !errors.As(err, &xe) || xe.Name != tt.file || !errors.Is(err, tt.want) {
				t.Fatalf("Extract(%s) = %v, want *ExtractError for %s wrapping %v", tt.name, err, tt.file, tt.want)
			}
			if out != nil || strings.Contains(err.Error(), sentinel) {
				t.Errorf("Extract(%s) leaked %v / %q", tt.name, out, err)
			}
			for _, name := range dirNames(t, dir) {
				if name == tt.file {
					t.Errorf("Extract(%s) left the refused %s in place", tt.name, name)
				}
			}
		})
	}
}

func symlinkTo(target string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		if err := os.Symlink(target, filepath.Join(dir, ReportFile)); err != nil {
			t.Fatal(err)
		}
	}
}

func writeSized(name string, size int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		mustWrite(t, filepath.Join(dir, name), strings.Repeat("a", size))
		if name == LabelsFile {
			mustWrite(t, filepath.Join(dir, ReportFile), "# r\n")
		}
	}
}

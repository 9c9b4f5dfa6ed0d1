package prescan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
)

// ScanTree scans every regular file under dir (full mode). It opens dir as
// an os.Root and never follows a symlink: a link's target is read as text
// for the symlink rules only, and .git directories are not entered. A file over the size cap is reported as
// scan-limit instead of read.
func (s *Scanner) ScanTree(ctx context.Context, dir string, opts ScanOptions) (*ScanResult, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("scanning tree: %w", err)
	}
	defer root.Close()
	run := s.newRun(ctx, ModeFull, opts)
	err = fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".git" && name != ".":
			return fs.SkipDir
		case d.Type()&fs.ModeSymlink != 0:
			return run.scanSymlink(root, name)
		case !d.Type().IsRegular():
			return nil
		}
		return run.scanFile(root, name)
	})
	if err != nil {
		return nil, fmt.Errorf("scanning tree: %w", err)
	}
	return run.result(), nil
}

// scanFile feeds one file's lines to the run, as if each were added.
func (r *scanRun) scanFile(root *os.Root, name string) error {
	if err := r.beginFile(name, false); err != nil {
		return err
	}
	data, err := fsafe.ReadRegular(root, name, r.s.maxFileBytes, false)
	switch {
	case errors.Is(err, fsafe.ErrTooLarge):
		r.limit(r.cur, 0, "file exceeds the pre-scan size cap and was not scanned")
	case err != nil:
		r.limit(r.cur, 0, "file could not be read safely and was not scanned")
	case !isBinary(data):
		r.scanLines(data)
	}
	return r.endFile()
}

// scanSymlink reads a link's target, never following it, and gives it to
// the symlink rules as the file's one line.
func (r *scanRun) scanSymlink(root *os.Root, name string) error {
	if err := r.beginFile(name, true); err != nil {
		return err
	}
	if target, err := root.Readlink(name); err == nil {
		_ = r.addedLine(1, []byte(target), false)
	}
	return r.endFile()
}

func (r *scanRun) scanLines(data []byte) {
	no := 0
	for line := range bytes.Lines(data) {
		no++
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		if len(line) > r.s.maxLine {
			line = line[:r.s.maxLine]
		}
		_ = r.addedLine(no, line, false)
	}
}

package reviewer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
)

// Output file names, the only two files taken from the agent.
const (
	ReportFile = "report.md"
	LabelsFile = "labels.txt"
)

// Outputs are the agent's two files, read and size-checked, not yet parsed.
type Outputs struct {
	Report []byte
	Labels []byte
}

// Extract takes report.md (at most MaxReportSize) and labels.txt (at most
// MaxLabelsSize) from the agent's output directory, then deletes everything
// else in it. Call it only after the agent container has stopped.
//
// Each file is opened through os.OpenRoot(dir) and openRegular: it must be a
// regular file with one link within its cap; symlinks (to anything),
// FIFOs, devices, directories and oversized (also sparse) files are refused
// without reading their contents or blocking, and a swap between the check
// and the open is caught on the descriptor (THREATS E1-E4). Refused files
// are deleted with the rest. The error is an *ExtractError for the first
// file refused; cleanup errors are joined to it.
func Extract(dir string) (*Outputs, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening output directory: %w", err)
	}
	defer root.Close()
	out := &Outputs{}
	keep := map[string]bool{}
	var firstErr error
	for _, f := range []struct {
		name  string
		limit int64
		dst   *[]byte
	}{{ReportFile, MaxReportSize, &out.Report}, {LabelsFile, MaxLabelsSize, &out.Labels}} {
		data, err := fsafe.ReadRegular(root, f.name, f.limit, true)
		if err != nil {
			if firstErr == nil {
				firstErr = &ExtractError{Name: f.name, Err: err}
			}
			continue
		}
		*f.dst, keep[f.name] = data, true
	}
	if err := removeExcept(root, keep); err != nil {
		firstErr = errors.Join(firstErr, fmt.Errorf("cleaning output directory: %w", err))
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

// removeExcept deletes every entry of root not in keep, without following
// links (os.Root.RemoveAll removes a link, not its target).
func removeExcept(root *os.Root, keep map[string]bool) error {
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if keep[e.Name()] {
			continue
		}
		if err := root.RemoveAll(e.Name()); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

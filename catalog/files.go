package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// readFileCapped reads a regular file of at most max bytes. With nofollow
// a symlink in the last path component is refused (entries inside a
// checkout); without it (a path the user named) symlinks are followed. The
// file is opened non-blocking and checked on the open descriptor, so a FIFO
// or device is refused without ever blocking on it.
func readFileCapped(path string, max int64, nofollow bool) ([]byte, error) {
	f, err := openRegular(path, nofollow)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fsError(path, err)
	}
	if st.Size() > max {
		return nil, tooLarge(path, max)
	}
	// Sized from fstat so a 40 MB catalog is read without regrowing; the
	// cap is still enforced while reading, in case the file grows.
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, &InputError{Path: path, Err: fmt.Errorf("reading: %w", err)}
	}
	if int64(buf.Len()) > max {
		return nil, tooLarge(path, max)
	}
	return buf.Bytes(), nil
}

func tooLarge(name string, max int64) error {
	return &InputError{Path: name, Err: fmt.Errorf("%w: over the %d-byte cap", ErrTooLarge, max)}
}

// fsError wraps a file-system error for path, dropping the *fs.PathError
// layer that would repeat the path ("x: open x: ..."). errors.Is still
// sees fs.ErrNotExist and fs.ErrPermission through the errno.
func fsError(path string, err error) *InputError {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return &InputError{Path: path, Err: err}
}

// notRegular reports a non-regular file by its mode.
func notRegular(path string, mode os.FileMode) error {
	kind := "special file"
	switch {
	case mode&os.ModeSymlink != 0:
		kind = "symlink"
	case mode&os.ModeNamedPipe != 0:
		kind = "FIFO"
	case mode&os.ModeDevice != 0:
		kind = "device"
	case mode&os.ModeSocket != 0:
		kind = "socket"
	case mode.IsDir():
		kind = "directory"
	}
	return &InputError{Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kind)}
}

package fsafe

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Errors of openRegular, wrapped in ExtractError by Extract.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
	ErrLinked     = errors.New("file has more than one link")
	ErrChanged    = errors.New("file changed while it was opened")
)

// openRegular opens name inside root for reading, safely against a hostile
// writer: lstat must show a regular file of at most limit bytes (so a
// symlink, FIFO, device or directory is never opened, and a huge sparse file
// is never read); the open does not block (O_NONBLOCK) and does not follow a
// final link (O_NOFOLLOW); and fstat on the opened descriptor must show the
// same regular file, so a swap between the two calls is caught. With
// singleLink, a file with another hard link is refused too.
func openRegular(root *os.Root, name string, limit int64, singleLink bool) (*os.File, error) {
	return OpenRegularSwap(root, name, limit, singleLink, nil)
}

// OpenRegularSwap is openRegular with a hook run between the lstat and the
// open, where a hostile writer would swap the file; tests use it to make
// the swap happen every time.
func OpenRegularSwap(root *os.Root, name string, limit int64, singleLink bool, between func()) (*os.File, error) {
	lfi, err := root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(lfi, limit, singleLink); err != nil {
		return nil, err
	}
	if between != nil {
		between()
	}
	f, err := root.OpenFile(name, os.O_RDONLY|openNoFollowNonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = checkRegular(fi, limit, singleLink)
	}
	if err == nil && !os.SameFile(lfi, fi) {
		err = ErrChanged
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

func checkRegular(fi os.FileInfo, limit int64, singleLink bool) error {
	switch {
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%w (%s)", ErrNotRegular, fi.Mode().Type())
	case fi.Size() > limit:
		return fmt.Errorf("%w: %d bytes, cap %d", ErrTooLarge, fi.Size(), limit)
	case singleLink && linkCount(fi) != 1:
		return ErrLinked
	}
	return nil
}

// ReadRegular reads a file opened by openRegular through a LimitReader of
// limit+1 bytes, so a file that grows after the check is still refused.
func ReadRegular(root *os.Root, name string, limit int64, singleLink bool) ([]byte, error) {
	f, err := openRegular(root, name, limit, singleLink)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: grew past cap %d", ErrTooLarge, limit)
	}
	return data, nil
}

//go:build unix

package catalog

import (
	"errors"
	"os"
	"syscall"
)

// openRegular opens path read-only with O_NONBLOCK (a FIFO cannot block
// the open) and, when nofollow, O_NOFOLLOW; then checks the descriptor
// really is a regular file.
func openRegular(path string, nofollow bool) (*os.File, error) {
	flags := os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_CLOEXEC
	if nofollow {
		flags |= syscall.O_NOFOLLOW
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		if nofollow && errors.Is(err, syscall.ELOOP) {
			return nil, notRegular(path, os.ModeSymlink)
		}
		return nil, fsError(path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fsError(path, err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, st.Mode())
	}
	return f, nil
}

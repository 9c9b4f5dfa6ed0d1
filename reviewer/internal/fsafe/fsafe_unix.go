//go:build unix

package fsafe

import (
	"os"
	"syscall"
)

// openNoFollowNonBlock: never follow a final symlink, never block on a FIFO
// or device.
const openNoFollowNonBlock = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// linkCount is the number of hard links of the file; 0 when unknown.
func linkCount(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}

// openNoFollow makes an open fail on a final symlink.
const openNoFollow = syscall.O_NOFOLLOW

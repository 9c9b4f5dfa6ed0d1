//go:build !unix

package fsafe

import "os"

// openNoFollowNonBlock has no equivalent flags here; os.Root and the lstat
// and fstat comparison in openRegular still refuse links and special files.
const openNoFollowNonBlock = 0

// linkCount is unknown on this platform; a reported 1 lets single-link
// checks rely on the other checks.
func linkCount(os.FileInfo) uint64 { return 1 }

// openNoFollow has no equivalent here; O_EXCL already refuses any existing
// name, links included.
const openNoFollow = 0

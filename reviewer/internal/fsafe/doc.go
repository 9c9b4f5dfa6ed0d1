// Package fsafe reads and writes files in directories an adversary may
// control (a checkout under review, the agent's output directory, the
// report store) without following links out of them.
//
// ReadRegular reads a name under an os.Root only if it is a
// regular file, not a link, not a special file that could block, within a
// size cap and (optionally) with a single link; OpenRegularSwap is the same
// with a hook between the lstat and the open, for race tests. OpenDestDir
// and WriteAtomic write a file by temporary file, fsync and rename, so a
// reader sees the old file or the new one and never a half-written one.
package fsafe

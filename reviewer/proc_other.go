//go:build !unix

package reviewer

import "os/exec"

// ownProcessGroup does nothing where there are no process groups: a cancel
// kills the process itself (exec.CommandContext's default).
func ownProcessGroup(*exec.Cmd) {}

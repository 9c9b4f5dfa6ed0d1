//go:build !unix

package proc

import "os/exec"

// OwnProcessGroup does nothing where there are no process groups: a cancel
// kills the process itself (exec.CommandContext's default).
func OwnProcessGroup(*exec.Cmd) {}

//go:build unix

package proc

import (
	"os/exec"
	"syscall"
)

// OwnProcessGroup starts cmd in a process group of its own and makes a
// cancel kill the whole group. A Ctrl-C at the terminal then reaches only
// mcptrust, which cancels its context and so decides how git and Compose
// stop (and cleans up after them), and helpers git starts (remote-https,
// upload-pack) die with it instead of outliving the run.
func OwnProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}

// Command hostile writes outputs that attack the host's extraction:
// report.md as a symlink to a host file, labels.txt as a FIFO, or a 2 GiB
// sparse report.md; the other file is valid.
package main

import (
	"os"
	"syscall"

	"github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"
)

func main() {
	t := fakeagent.ReadTargets()
	report := fakeagent.Report("info", []string{"hostile outputs"})
	labels := "security-risk:info\n"
	must := func(err error) {
		if err != nil {
			os.Stderr.WriteString("hostile: " + err.Error() + "\n")
			os.Exit(2)
		}
	}
	switch t.Mode {
	case "symlink":
		must(os.Symlink(t.Sentinel, "/out/report.md"))
		must(os.WriteFile("/out/labels.txt", []byte(labels), 0o644))
	case "fifo":
		must(os.WriteFile("/out/report.md", []byte(report), 0o644))
		must(syscall.Mkfifo("/out/labels.txt", 0o644))
	case "sparse":
		f, err := os.Create("/out/report.md")
		must(err)
		must(f.Truncate(2 << 30))
		must(f.Close())
		must(os.WriteFile("/out/labels.txt", []byte(labels), 0o644))
	case "device":
		// CAP_MKNOD is dropped: this must fail, and the agent then writes
		// nothing, which fails the review.
		must(syscall.Mknod("/out/labels.txt", syscall.S_IFCHR|0o666, 1<<8|5))
	default:
		os.Exit(3)
	}
}

// Command erofs tries to write into the code under review, the review
// files and its root file system, and where it should be able to write.
package main

import (
	"errors"
	"os"
	"syscall"

	"github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"
)

func main() {
	var lines []string
	attempt := func(what string, err error) {
		switch {
		case err == nil:
			lines = append(lines, "WROTE "+what)
		case errors.Is(err, syscall.EROFS):
			lines = append(lines, "erofs "+what)
		default:
			lines = append(lines, "error "+what+": "+err.Error())
		}
	}
	attempt("/src/planted.txt", os.WriteFile("/src/planted.txt", []byte("x"), 0o644))
	f, err := os.OpenFile("/src/README.md", os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		_, err = f.WriteString("planted")
		f.Close()
	}
	attempt("/src/README.md", err)
	attempt("/src/.git/hooks", os.Mkdir("/src/.git/hooks/planted", 0o755))
	attempt("/review/prompt.md", os.WriteFile("/review/prompt.md", []byte("x"), 0o644))
	attempt("/rootfs.txt", os.WriteFile("/rootfs.txt", []byte("x"), 0o644))
	for _, dir := range []string{"/tmp", "/work", os.Getenv("HOME")} {
		attempt(dir+"/scratch", os.WriteFile(dir+"/scratch", []byte("x"), 0o600))
	}
	fakeagent.Finish("info", lines)
}

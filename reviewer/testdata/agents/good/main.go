// Command good is a well-behaved agent: it writes a low-risk report that
// records who and where it ran, and Claude Code's final JSON line.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"
)

func main() {
	wd, _ := os.Getwd()
	fakeagent.Finish("low", []string{
		fmt.Sprintf("uid=%d gid=%d", os.Getuid(), os.Getgid()),
		"cwd=" + wd,
		"home=" + os.Getenv("HOME"),
		"argv=" + strings.Join(os.Args[1:], " "),
	})
	fmt.Println(`{"type":"result","subtype":"success","is_error":false,"result":"reviewed"}`)
}

// Command envdump prints its environment and the secrets it can find to
// stdout (the container log) and into its report: none may hold the key.
package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"
)

func main() {
	env := os.Environ()
	sort.Strings(env)
	for _, kv := range env {
		fmt.Println(kv)
	}
	lines := append([]string{}, env...)
	for _, p := range []string{"/run/secrets/api_key", "/run/secrets/client_token", "/proc/1/environ"} {
		if b, err := os.ReadFile(p); err == nil {
			fmt.Printf("%s: %q\n", p, b)
			lines = append(lines, fmt.Sprintf("%s: %q", p, b))
		}
	}
	fakeagent.Finish("info", lines)
}

// Command mcptrust is the full mcptrust program: `docker mcptrust` runs it
// through the docker-mcptrust launcher, and it also runs standalone.
package main

import (
	"os"

	"github.com/mcp-trust/mcp-trust/cli-plugin/commands"
)

func main() {
	os.Exit(commands.Main())
}

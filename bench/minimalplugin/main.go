// Command minimalplugin is the baseline of bench/startup.sh: a Docker CLI
// plugin that imports only docker/cli's plugin package and does nothing.
package main

import (
	"github.com/docker/cli/cli-plugins/metadata"
	"github.com/docker/cli/cli-plugins/plugin"
	"github.com/docker/cli/cli/command"
	"github.com/spf13/cobra"
)

func main() {
	plugin.Run(func(command.Cli) *cobra.Command {
		return &cobra.Command{Use: "minimal"}
	}, metadata.Metadata{SchemaVersion: "0.1.0", Vendor: "bench"})
}

package commands

import "github.com/spf13/cobra"

// noArgs rejects positional arguments with a usage error (cobra's own
// NoArgs error is not typed, so it would not map to ExitInput).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return FlagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return FlagErrorf("%q accepts no arguments, got %q", cmd.CommandPath(), args)
	}
	return nil
}

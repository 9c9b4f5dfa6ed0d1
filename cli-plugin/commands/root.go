package commands

import (
	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta"
)

// NewRootCmd builds the `mcptrust` command tree. In plugin mode its parent is
// the `docker` command of plugin.go, whose hook must run first (it wires
// cancellation through docker's socket and applies docker's global flags):
// cobra runs only the nearest PersistentPreRunE, so ours calls it.
func NewRootCmd(f *Factory, isPlugin bool) *cobra.Command {
	root := &cobra.Command{
		Use:           pluginmeta.Name,
		Short:         pluginmeta.ShortDescription,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	if isPlugin {
		root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
			if hook := cmd.Root().PersistentPreRunE; cmd.Root() != root && hook != nil {
				return hook(cmd, args)
			}
			return nil
		}
	}
	root.PersistentFlags().String("format", "table", "Output format: table, json, a Go template such as '{{.Name}}', sarif (review, lint, verify) or github (review)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &FlagError{Err: err}
	})
	addCommands(root, f)
	registerCompletions(root, f)
	return root
}

func addCommands(root *cobra.Command, f *Factory) {
	root.AddCommand(
		NewCmdCatalog(f, nil),
		NewCmdVerify(f, nil),
		NewCmdLock(f, nil),
		NewCmdReport(f, nil),
		NewCmdReview(f, nil),
		NewCmdReviewerProxy(f, nil),
		NewCmdPin(f, nil),
		NewCmdLint(f, nil),
		NewCmdDemo(f, nil),
		NewCmdVersion(f, nil),
		NewCmdCompletion(f, nil),
	)
}

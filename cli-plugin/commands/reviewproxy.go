package commands

import (
	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/reviewer/proxy"
)

// NewCmdReviewerProxy builds the hidden `reviewer-proxy` command: the
// key-injecting proxy that the review's proxy container runs (the image is
// this very binary, FROM scratch). It parses its own flags (see
// proxy.Main); runF receives them in tests.
func NewCmdReviewerProxy(f *Factory, runF func(args []string) error) *cobra.Command {
	return &cobra.Command{
		Use:                "reviewer-proxy --upstream anthropic|openai --key-file FILE --token-file FILE",
		Short:              "Serve the review's key-injecting proxy (runs inside the proxy container)",
		Hidden:             true,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(args)
			}
			return proxy.Main(cmd.Context(), args, f.IO.ErrOut)
		},
	}
}

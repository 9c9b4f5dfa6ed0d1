package commands

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/cli-plugin/dockerplugin"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
)

// Main runs the program and returns its exit code. It runs as a Docker CLI
// plugin when docker started it and standalone otherwise; the only
// difference is who parses docker's global flags.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	io := iostreams.System()
	f := NewFactory(io)
	var (
		cmd *cobra.Command
		err error
	)
	if args := os.Args[1:]; dockerplugin.Invoked(args, os.Getenv) {
		cmd, err = runPlugin(ctx, f, args)
	} else {
		cmd, err = runStandalone(ctx, f, args)
	}
	if err != nil {
		path := ""
		if cmd != nil {
			path = cmd.CommandPath()
		}
		printError(io.ErrOut, err, path)
	}
	return ExitCode(err)
}

func runStandalone(ctx context.Context, f *Factory, args []string) (*cobra.Command, error) {
	root := NewRootCmd(f, false)
	root.SetArgs(args)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	return root.ExecuteContextC(ctx)
}

package commands

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/docker/cli/cli-plugins/plugin"
	"github.com/docker/cli/cli/command"
	"github.com/docker/cli/cli/config"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta"
	"github.com/spf13/cobra"
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
	if plugin.RunningStandalone() {
		cmd, err = runStandalone(ctx, f, os.Args[1:])
	} else {
		cmd, err = runPlugin(ctx, f)
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

func runPlugin(ctx context.Context, f *Factory) (*cobra.Command, error) {
	dockerCli, err := command.NewDockerCli()
	if err != nil {
		return nil, err
	}
	root := NewRootCmd(f, true)
	// docker's top-level command owns the context in plugin mode; chain our
	// signal context onto the one docker's hook sets up.
	hook := root.PersistentPreRunE
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if err := hook(cmd, args); err != nil {
			return err
		}
		c, cancel := context.WithCancel(cmd.Context())
		context.AfterFunc(ctx, cancel)
		cmd.SetContext(c)
		return nil
	}
	// The plugin's config dir is the one docker was started with (--config).
	f.ConfigDir = func() string { return configDirOf(dockerCli) }
	f.DockerConfig = dockerCli.ConfigFile
	return root, plugin.RunPlugin(dockerCli, root, pluginmeta.Metadata())
}

func configDirOf(dockerCli *command.DockerCli) string {
	if cf := dockerCli.ConfigFile(); cf != nil && cf.Filename != "" {
		return filepath.Dir(cf.Filename)
	}
	return config.Dir()
}

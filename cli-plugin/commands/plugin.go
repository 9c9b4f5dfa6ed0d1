package commands

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mcp-trust/mcp-trust/cli-plugin/dockerplugin"
	"github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta"
)

// dockerRun is one run under docker: docker's global flags as docker passed
// them, and the command tree docker's plugin protocol expects (a `docker`
// top command holding ours and the metadata call).
type dockerRun struct {
	f      *Factory
	global dockerplugin.GlobalOptions
	// cancel ends the context preRun made; runPlugin calls it when done.
	cancel context.CancelFunc
}

// runPlugin runs args as docker passes them: docker's global flags, our
// name, then our arguments. It returns our root command (for the help
// pointer of a usage error) and the error.
func runPlugin(ctx context.Context, f *Factory, args []string) (*cobra.Command, error) {
	r := &dockerRun{f: f, cancel: func() {}}
	defer func() { r.cancel() }()
	root := NewRootCmd(f, true)
	top := r.newTopCmd(root)
	// The config dir is the one docker was started with (--config), read
	// when a command first needs it; DockerConfig follows it.
	f.ConfigDir = r.global.ConfigDirectory
	rest, err := parseGlobalFlags(top, args)
	if err != nil {
		return root, err
	}
	top.SetArgs(rest)
	_, err = top.ExecuteContextC(ctx)
	return root, err
}

// newTopCmd builds the `docker` command docker/cli plugins run under: it
// holds docker's global flags, our root and the hidden metadata call, and
// gives every command docker's help format.
func (r *dockerRun) newTopCmd(root *cobra.Command) *cobra.Command {
	top := &cobra.Command{
		Use:                   fmt.Sprintf("docker [OPTIONS] %s [ARG...]", root.Name()),
		Short:                 dockerplugin.NamePrefix + root.Name() + " is a Docker CLI plugin",
		SilenceUsage:          true,
		SilenceErrors:         true,
		PersistentPreRunE:     r.preRun,
		TraverseChildren:      true,
		DisableFlagsInUseLine: true,
		CompletionOptions: cobra.CompletionOptions{
			HiddenDefaultCmd:    true,
			DisableDescriptions: r.f.Getenv(dockerplugin.NoCompletionDescriptionsEnv) != "",
		},
		Annotations: map[string]string{additionalHelpAnnotation: dockerAdditionalHelp},
	}
	top.CompletionOptions.SetDefaultShellCompDirective(cobra.ShellCompDirectiveNoFileComp)
	// Without --config the dir is the factory's (DOCKER_CONFIG, else ~/.docker).
	r.global.InstallFlags(top.Flags(), r.f.ConfigDir(), r.f.Getenv)
	setDockerHelp(top)
	top.SetFlagErrorFunc(dockerFlagError)
	top.SetIn(r.f.IO.In)
	top.SetOut(r.f.IO.Out)
	top.SetErr(r.f.IO.ErrOut)
	top.AddCommand(root, r.newMetadataCmd(root))
	visitCommands(top, func(c *cobra.Command) { c.DisableFlagsInUseLine = true })
	return top
}

// parseGlobalFlags reads docker's global flags up to the first argument that
// is not one (our name) and returns the rest.
func parseGlobalFlags(top *cobra.Command, args []string) ([]string, error) {
	fs := pflag.NewFlagSet(top.Name(), pflag.ContinueOnError)
	fs.SetInterspersed(false)
	fs.SetOutput(top.ErrOrStderr())
	fs.AddFlagSet(top.Flags())
	fs.AddFlagSet(top.PersistentFlags())
	if err := fs.Parse(args); err != nil {
		return nil, dockerFlagError(top, err)
	}
	return fs.Args(), nil
}

// preRun is docker's hook, run before any command of ours: it makes the
// command's context end when docker closes its plugin socket (the user's
// interrupt), and applies docker's global flags.
func (r *dockerRun) preRun(cmd *cobra.Command, _ []string) error {
	var ctx context.Context
	ctx, r.cancel = context.WithCancel(cmd.Context())
	cmd.SetContext(ctx)
	if addr := r.f.Getenv(dockerplugin.SocketEnv); addr != "" {
		// A socket we cannot reach leaves us to signals alone, as it does
		// any docker/cli plugin: docker then stops us with SIGKILL.
		_ = dockerplugin.WatchSocket(addr, r.cancel)
	}
	return r.applyGlobal(cmd)
}

// applyGlobal does what docker does with its global flags in a plugin:
// logging level and debug for docker's config package (and the docker
// commands we run), and the checks docker makes.
func (r *dockerRun) applyGlobal(cmd *cobra.Command) error {
	level := logrus.InfoLevel
	if r.global.LogLevel != "" {
		var err error
		if level, err = logrus.ParseLevel(r.global.LogLevel); err != nil {
			return dockerFlagError(cmd.Root(), fmt.Errorf("unable to parse logging level: %s", r.global.LogLevel))
		}
	}
	logrus.SetLevel(level)
	if r.global.Debug {
		if err := os.Setenv("DEBUG", "1"); err != nil {
			return fmt.Errorf("enabling debug: %w", err)
		}
		logrus.SetLevel(logrus.DebugLevel)
	}
	return r.global.Check()
}

// newMetadataCmd answers docker's metadata call. It skips preRun: docker
// asks on every `docker --help`.
func (r *dockerRun) newMetadataCmd(root *cobra.Command) *cobra.Command {
	meta := pluginmeta.Metadata()
	if meta.ShortDescription == "" {
		meta.ShortDescription = root.Short
	}
	return &cobra.Command{
		Use:              dockerplugin.MetadataSubcommand,
		Hidden:           true,
		PersistentPreRun: func(*cobra.Command, []string) {},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return dockerplugin.WriteMetadata(r.f.IO.Out, meta)
		},
	}
}

// dockerFlagError is docker's usage error for its own flags: exit 125, with
// the usage line and a pointer to the help.
func dockerFlagError(cmd *cobra.Command, err error) error {
	msg := fmt.Sprintf("%s\n\nUsage:  %s\n\nRun '%s --help' for more information", err, cmd.UseLine(), cmd.CommandPath())
	return &StatusError{Err: errors.New(msg), Code: ExitDockerUsage}
}

func visitCommands(c *cobra.Command, fn func(*cobra.Command)) {
	for _, sub := range c.Commands() {
		visitCommands(sub, fn)
	}
	fn(c)
}

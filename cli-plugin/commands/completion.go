package commands

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
)

// CompletionOptions holds the inputs of the completion command.
type CompletionOptions struct {
	IO    *iostreams.IOStreams
	Shell string
	// Root is the command tree the script completes.
	Root *cobra.Command
	// InDocker is true when docker runs us as a plugin: docker's own
	// completion script then completes `docker mcptrust`.
	InDocker bool
}

// completionShells are the shells `completion` writes a script for.
var completionShells = []string{"bash", "zsh", "fish"}

// NewCmdCompletion builds `completion bash|zsh|fish`.
func NewCmdCompletion(f *Factory, runF func(*CompletionOptions) error) *cobra.Command {
	opts := &CompletionOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "Print the shell completion script of the standalone mcptrust program",
		Long: `Print a completion script for the standalone mcptrust program. It completes
commands, flags, --format values and server names; server names come only
from the catalog already cached on this machine (completion never uses the
network).

  bash: source <(mcptrust completion bash)
  zsh:  mcptrust completion zsh > "${fpath[1]}/_mcptrust"
  fish: mcptrust completion fish > ~/.config/fish/completions/mcptrust.fish

Run as 'docker mcptrust', nothing is needed: Docker's own completion
('docker completion bash|zsh|fish') asks the plugin for its completions.`,
		ValidArgs: completionShells,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return FlagErrorf("completion needs one shell (bash, zsh or fish), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shell, opts.Root = args[0], cmd.Parent()
			opts.InDocker = cmd.Parent() != cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return completionRun(opts)
		},
	}
}

func completionRun(opts *CompletionOptions) error {
	if opts.InDocker {
		return FlagErrorf("'docker mcptrust' completes through Docker's own script: run 'docker completion %s'", opts.Shell)
	}
	w := opts.IO.Out
	switch opts.Shell {
	case "bash":
		return opts.Root.GenBashCompletionV2(w, true)
	case "zsh":
		return opts.Root.GenZshCompletion(w)
	case "fish":
		return opts.Root.GenFishCompletion(w, true)
	}
	return FlagErrorf("invalid shell %q: want %s", opts.Shell, strings.Join(completionShells, ", "))
}

// completeFormat offers the --format words of the command being completed:
// table and json everywhere, and the CI formats where ciFormats allows them.
func completeFormat(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	words := []string{"table", "json"}
	for _, f := range []struct {
		kind formatKind
		word string
	}{{formatSARIF, "sarif"}, {formatGitHub, "github"}} {
		if ciFormats[f.kind][cmd.Name()] {
			words = append(words, f.word)
		}
	}
	return withPrefix(words, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// withPrefix keeps the words that start with prefix.
func withPrefix(words []string, prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			out = append(out, w)
		}
	}
	return out
}

// fixed completes a flag from a fixed list of values.
func fixed(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return withPrefix(values, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// files completes file names, only those ending in one of exts if given.
func files(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(exts) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

// dirs completes directory names.
func dirs(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// catalogSource completes --catalog: "demo", else file and directory names.
func catalogSource(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if toComplete != "" && strings.HasPrefix("demo", toComplete) {
		return []cobra.Completion{"demo"}, cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveDefault
}

// registerCompletions wires completion into the tree from one place, by
// command path and flag name, so command files stay free of it. A command
// or flag that already has its own completion keeps it.
func registerCompletions(root *cobra.Command, f *Factory) {
	root.CompletionOptions.DisableDefaultCmd = true // ours is NewCmdCompletion
	root.CompletionOptions.SetDefaultShellCompDirective(cobra.ShellCompDirectiveNoFileComp)
	args, flags := argCompletions(completer{f: f}), flagCompletions()
	visit(root, func(cmd *cobra.Command) {
		if fn, ok := args[relPath(root, cmd)]; ok && cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = fn
		}
		local := cmd.LocalNonPersistentFlags()
		for name, fn := range flags {
			if local.Lookup(name) == nil && (cmd != root || cmd.PersistentFlags().Lookup(name) == nil) {
				continue
			}
			if _, has := cmd.GetFlagCompletionFunc(name); has {
				continue
			}
			if err := cmd.RegisterFlagCompletionFunc(name, fn); err != nil {
				panic(fmt.Sprintf("registering completion of --%s on %q: %v", name, cmd.CommandPath(), err))
			}
		}
	})
}

// argCompletions completes the arguments of commands, by path below root.
func argCompletions(c completer) map[string]cobra.CompletionFunc {
	return map[string]cobra.CompletionFunc{
		"verify":     c.catalogServers(0, false),
		"report":     c.catalogServers(1, false),
		"review":     c.catalogServers(1, true),
		"pin check":  c.registryServers,
		"pin update": c.registryServers,
		"lint":       files(),
	}
}

// flagCompletions completes flag values, by flag name on any command.
func flagCompletions() map[string]cobra.CompletionFunc {
	return map[string]cobra.CompletionFunc{
		"format":     completeFormat,
		"catalog":    catalogSource,
		"publishers": files("yaml", "yml"),
		"key":        files(),
		"rekor-key":  files(),
		"key-file":   files(),
		"token-file": files(),
		"output":     dirs,
		"registry":   dirs,
		"agent":      fixed("claude", "codex", "prescan"),
		"platform":   fixed("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386"),
	}
}

// relPath is cmd's path below root: "pin check".
func relPath(root, cmd *cobra.Command) string {
	var parts []string
	for c := cmd; c != nil && c != root; c = c.Parent() {
		parts = append([]string{c.Name()}, parts...)
	}
	return strings.Join(parts, " ")
}

func visit(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, sub := range cmd.Commands() {
		visit(sub, fn)
	}
}

package commands

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/docker/cli/cli"
	"github.com/spf13/cobra"
)

// dockerCLIReference builds our tree under docker/cli's own plugin root
// setup (its help template, help command and global flags), as the program
// did before it left docker/cli's command layer. Tests only: it is the
// reference our docker help layout must equal.
func dockerCLIReference(root *cobra.Command) *cobra.Command {
	top := &cobra.Command{
		Use:                   "docker [OPTIONS] mcptrust [ARG...]",
		Short:                 "docker-mcptrust is a Docker CLI plugin",
		SilenceUsage:          true,
		SilenceErrors:         true,
		TraverseChildren:      true,
		DisableFlagsInUseLine: true,
	}
	cli.SetupPluginRootCommand(top)
	top.AddCommand(root)
	visitCommands(top, func(c *cobra.Command) { c.DisableFlagsInUseLine = true })
	return top
}

func helpOf(t *testing.T, top *cobra.Command, args []string) string {
	t.Helper()
	var out bytes.Buffer
	top.SetOut(&out)
	top.SetErr(&out)
	top.SetArgs(append(append([]string{}, args...), "--help"))
	if _, err := top.ExecuteContextC(context.Background()); err != nil {
		t.Fatalf("%v --help: %v", args, err)
	}
	return out.String()
}

// Every command's help under docker reads exactly as docker/cli's own
// template renders it. (The `docker` command above ours differs in what it
// lists, docker's plugin wrapper adding more than SetupPluginRootCommand;
// TestPluginTopHelp covers it.)
func TestDockerHelpEqualsDockerCLI(t *testing.T) {
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub, append(append([]string{}, path...), sub.Name()))
			}
		}
	}
	f, _, _ := testFactory(t, false)
	walk(NewRootCmd(f, true), []string{"mcptrust"})
	if len(paths) < 10 {
		t.Fatalf("walked %d commands, want the whole tree", len(paths))
	}
	for _, path := range paths {
		t.Run(strings.Join(append([]string{"docker"}, path...), " "), func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			want := helpOf(t, dockerCLIReference(NewRootCmd(f, true)), path)
			f, _, _ = testFactory(t, false)
			r := &dockerRun{f: f, cancel: func() {}}
			got := helpOf(t, r.newTopCmd(NewRootCmd(f, true)), path)
			if got != want {
				t.Errorf("help differs from docker/cli's:\n--- ours\n%s\n--- docker/cli\n%s", got, want)
			}
		})
	}
}

// aliasTree has what our commands do not use yet but docker's layout shows:
// aliases, examples, a long text, flags with shorthands.
func aliasTree() *cobra.Command {
	root := &cobra.Command{Use: "mcptrust", Short: "Root", RunE: func(*cobra.Command, []string) error { return nil }}
	group := &cobra.Command{Use: "group", Short: "A group"}
	run := &cobra.Command{
		Use: "run [NAME]", Aliases: []string{"r", "go"}, Short: "Run one", Long: "  Run one thing,\nfully.  ",
		Example: "  docker mcptrust group run x", RunE: func(*cobra.Command, []string) error { return nil },
	}
	run.Flags().BoolP("all", "a", false, "Run all of them")
	group.AddCommand(run)
	root.AddCommand(group, &cobra.Command{Use: "hidden", Hidden: true, Run: func(*cobra.Command, []string) {}})
	root.PersistentFlags().String("format", "table", "Output format")
	return root
}

func TestDockerHelpEqualsDockerCLIWithAliases(t *testing.T) {
	for _, path := range [][]string{{"mcptrust"}, {"mcptrust", "group"}, {"mcptrust", "group", "run"}, {"mcptrust", "group", "go"}} {
		want := helpOf(t, dockerCLIReference(aliasTree()), path)
		f, _, _ := testFactory(t, false)
		r := &dockerRun{f: f, cancel: func() {}}
		got := helpOf(t, r.newTopCmd(aliasTree()), path)
		if got != want || !strings.Contains(got, "Aliases:") && len(path) == 3 {
			t.Errorf("%v: help differs from docker/cli's:\n--- ours\n%s\n--- docker/cli\n%s", path, got, want)
		}
	}
}

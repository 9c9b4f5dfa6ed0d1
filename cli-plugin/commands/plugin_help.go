package commands

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Docker's help annotation: a last paragraph of the `docker` command's help.
const (
	additionalHelpAnnotation = "additionalHelp"
	dockerAdditionalHelp     = "For more help on how to use Docker, head to https://docs.docker.com/go/guides/"
)

// setDockerHelp gives top and every command under it docker's help: the
// layout of `docker --help`, a hidden --help flag whose -h is deprecated,
// and a `help` command.
func setDockerHelp(top *cobra.Command) {
	top.SetUsageFunc(writeDockerUsage)
	top.SetHelpFunc(func(c *cobra.Command, _ []string) {
		if c.Runnable() || c.HasSubCommands() {
			fmt.Fprint(c.OutOrStdout(), c.UsageString())
		}
	})
	top.SetHelpCommand(newDockerHelpCmd())
	flags := top.PersistentFlags()
	flags.BoolP("help", "h", false, "Print usage")
	_ = flags.MarkShorthandDeprecated("help", "use --help")
	flags.Lookup("help").Hidden = true
}

func newDockerHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "help [command]",
		Short:             "Help about the command",
		PersistentPreRun:  func(*cobra.Command, []string) {},
		PersistentPostRun: func(*cobra.Command, []string) {},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if cmd == nil || err != nil || len(rest) > 0 {
				return fmt.Errorf("unknown help topic: %v", strings.Join(rest, " "))
			}
			cmd.HelpFunc()(cmd, rest)
			return nil
		},
	}
}

// writeDockerUsage writes c's usage in docker's layout: usage line,
// description, options, management commands (those with subcommands),
// commands, global options (top command only) and pointers to more help.
func writeDockerUsage(c *cobra.Command) error {
	c.InheritedFlags() // merges the parents' persistent flags into c.Flags()
	var b strings.Builder
	if c.HasSubCommands() {
		options := ""
		if c.HasAvailableFlags() {
			options = " [OPTIONS]"
		}
		fmt.Fprintf(&b, "Usage:  %s%s COMMAND", c.CommandPath(), options)
	} else {
		fmt.Fprintf(&b, "Usage:  %s", c.UseLine())
	}
	desc := c.Long
	if desc == "" {
		desc = c.Short
	}
	b.WriteString("\n\n" + strings.TrimSpace(desc))
	if len(c.Aliases) > 0 {
		b.WriteString("\n\nAliases:\n  " + commandAliases(c))
	}
	if c.HasExample() {
		b.WriteString("\n\nExamples:\n" + c.Example)
	}
	writeUsageLists(&b, c)
	if c.HasSubCommands() {
		fmt.Fprintf(&b, "\n\nRun '%s COMMAND --help' for more information on a command.", c.CommandPath())
	}
	if msg := c.Annotations[additionalHelpAnnotation]; msg != "" {
		b.WriteString("\n\n" + msg)
	}
	b.WriteString("\n")
	_, err := io.WriteString(c.OutOrStderr(), b.String())
	return err
}

// writeUsageLists writes the flag and subcommand sections. Flags are
// "Options" below the top command and "Global Options" on it.
func writeUsageLists(b *strings.Builder, c *cobra.Command) {
	flags := ""
	if c.HasAvailableFlags() {
		flags = strings.TrimRightFunc(c.Flags().FlagUsagesWrapped(stdinWidth()-1), unicode.IsSpace)
	}
	if c.HasParent() && flags != "" {
		b.WriteString("\n\nOptions:\n" + flags)
	}
	var management, commands []string
	for _, sub := range c.Commands() {
		switch {
		case !sub.IsAvailableCommand():
		case sub.HasSubCommands():
			management = append(management, fmt.Sprintf("  %-*s%s", sub.NamePadding()+1, sub.Name()+" ", sub.Short))
		default:
			commands = append(commands, fmt.Sprintf("  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short))
		}
	}
	if len(management) > 0 {
		b.WriteString("\n\nManagement Commands:\n" + strings.Join(management, "\n"))
	}
	if len(commands) > 0 {
		b.WriteString("\n\nCommands:\n" + strings.Join(commands, "\n"))
	}
	if !c.HasParent() && flags != "" {
		b.WriteString("\n\nGlobal Options:\n" + flags)
	}
}

// commandAliases lists c's full command path and each alias in full.
func commandAliases(c *cobra.Command) string {
	names := []string{c.CommandPath()}
	for _, a := range c.Aliases {
		names = append(names, c.Parent().CommandPath()+" "+a)
	}
	return strings.Join(names, ", ")
}

// stdinWidth is the terminal width docker wraps flag help to: stdin's, or
// 80 columns when stdin is not a terminal.
func stdinWidth() int {
	if w, _, err := term.GetSize(0); err == nil {
		return w
	}
	return 80
}

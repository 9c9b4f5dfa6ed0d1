package commands

import (
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command in the tree follows the house conventions.
func TestCommandTreeConventions(t *testing.T) {
	f, _, _ := testFactory(t, false)
	root := NewRootCmd(f, false)
	var errs []error
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Short == "" {
			errs = append(errs, errors.New(c.CommandPath()+": no Short"))
		}
		if c.RunE == nil && c.Run == nil && c.HasSubCommands() == false {
			errs = append(errs, errors.New(c.CommandPath()+": no RunE"))
		}
		if c.Short != "" && strings.HasSuffix(c.Short, ".") {
			errs = append(errs, errors.New(c.CommandPath()+": Short ends with a period"))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	r := runCommand(t, false, "bogus")
	if ExitCode(r.err) != ExitInput {
		t.Errorf("mcptrust bogus: err = %v (exit %d), want exit %d", r.err, ExitCode(r.err), ExitInput)
	}
}

func TestVersion(t *testing.T) {
	r := runCommand(t, false, "version", "--format", "{{.Version}}")
	if r.err != nil || r.stdout != "dev\n" {
		t.Errorf("version --format {{.Version}} = %q, %v; want dev", r.stdout, r.err)
	}
}

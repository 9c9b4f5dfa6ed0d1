package dockerplugin

import (
	"os"
	"testing"

	"github.com/docker/cli/cli/config"
	cliflags "github.com/docker/cli/cli/flags"
	"github.com/spf13/pflag"
)

// Our global flags are docker/cli's, flag for flag: name, shorthand, type,
// default and help text (the reference is docker/cli's own, in tests only).
func TestGlobalFlagsEqualDockerCLI(t *testing.T) {
	want := pflag.NewFlagSet("docker", pflag.ContinueOnError)
	cliflags.NewClientOptions().InstallFlags(want)
	got := pflag.NewFlagSet("docker", pflag.ContinueOnError)
	(&GlobalOptions{}).InstallFlags(got, config.Dir(), os.Getenv)
	n := 0
	want.VisitAll(func(w *pflag.Flag) {
		n++
		g := got.Lookup(w.Name)
		if g == nil {
			t.Errorf("--%s is missing", w.Name)
			return
		}
		if g.Shorthand != w.Shorthand || g.Usage != w.Usage || g.DefValue != w.DefValue || g.Value.Type() != w.Value.Type() {
			t.Errorf("--%s = -%s %s %q (default %q), want -%s %s %q (default %q)",
				w.Name, g.Shorthand, g.Value.Type(), g.Usage, g.DefValue, w.Shorthand, w.Value.Type(), w.Usage, w.DefValue)
		}
	})
	got.VisitAll(func(g *pflag.Flag) {
		if want.Lookup(g.Name) == nil {
			t.Errorf("--%s is not a docker flag", g.Name)
		}
	})
	if n < 10 {
		t.Errorf("docker/cli has %d global flags, want at least 10", n)
	}
}

package commands

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// Server-name completion reads only what is already on this machine: the
// cached copy of a URL catalog (of any age), the demo catalog, or a local
// checkout. It never fetches: a shell waits on it at every <TAB>, and a
// completion must not phone home. The names are untrusted text (a catalog
// is anyone's YAML): only names a shell can take as one plain word are
// offered, never descriptions; anything else is dropped, not rewritten.

const (
	// completionTimeout bounds reading a catalog for one <TAB>.
	completionTimeout = 3 * time.Second
	// maxCompletions caps how many names one <TAB> offers.
	maxCompletions = 5000
)

// completionName is what a server name must look like to be offered.
var completionName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`) })

// errOffline is what the fetchers of completion answer: no network.
var errOffline = errors.New("completion never uses the network")

// offlineFetcher makes a URL catalog load fall back to its cache, of any age.
var offlineFetcher = catalog.FetcherFunc(func(context.Context, string) (io.ReadCloser, error) {
	return nil, errOffline
})

func offlineOCI(context.Context, string) ([]byte, error) { return nil, errOffline }

type completer struct{ f *Factory }

// catalogServers completes server names of the command's --catalog. max is
// how many arguments the command takes (0: any); paths also completes file
// names when no server name matches (review takes a PATH too).
func (c completer) catalogServers(max int, paths bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if (max > 0 && len(args) >= max) || flagSet(cmd, "all") {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names := pickNames(c.cachedNames(cmd), args, toComplete)
		if paths && len(names) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

// cachedNames lists the server names of the command's --catalog without
// any network access; nil when there is nothing local to read.
func (c completer) cachedNames(cmd *cobra.Command) []string {
	source := catalog.DefaultURL
	if fl := cmd.Flags().Lookup("catalog"); fl != nil {
		source = fl.Value.String()
	}
	if source == "" || strings.HasPrefix(source, "oci://") {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	cat, err := c.f.LoadCatalog(ctx, source, catalog.WithFetcher(offlineFetcher), catalog.WithOCI(offlineOCI))
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(cat.Servers))
	for _, s := range cat.Servers {
		names = append(names, s.Name)
	}
	return names
}

// registryServers completes the server names of pin's --registry checkout:
// the directories under servers/.
func (c completer) registryServers(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if flagSet(cmd, "all") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	registry := "."
	if fl := cmd.Flags().Lookup("registry"); fl != nil {
		registry = fl.Value.String()
	}
	entries, err := os.ReadDir(filepath.Join(registry, "servers"))
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return pickNames(names, args, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// pickNames keeps the valid names that start with prefix and are not
// already given, sorted, unique and capped.
func pickNames(names, given []string, prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, n := range names {
		if completionName().MatchString(n) && strings.HasPrefix(n, prefix) && !slices.Contains(given, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > maxCompletions {
		out = out[:maxCompletions]
	}
	return out
}

func flagSet(cmd *cobra.Command, name string) bool {
	fl := cmd.Flags().Lookup(name)
	return fl != nil && fl.Changed
}

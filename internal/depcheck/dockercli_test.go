package depcheck

import (
	"strings"
	"testing"
)

// dockerCommandLayer lists what the mcptrust program must not link (issue
// 11, goal 1): docker/cli's command layer and plugin framework, which bring
// the engine API client, gRPC and OpenTelemetry, whose package inits every
// start pays for. cli-plugin/dockerplugin speaks the plugin protocol instead;
// docker/cli's config packages (credentials) and plugin metadata type stay.
var dockerCommandLayer = []struct {
	pkg   string // this package and those below it, unless alone
	alone bool
}{
	{pkg: "github.com/docker/cli/cli", alone: true}, // its config packages are light

	{pkg: "github.com/docker/cli/cli/command"},
	{pkg: "github.com/docker/cli/cli-plugins/plugin"},
	{pkg: "github.com/docker/cli/cli-plugins/manager"},
	{pkg: "github.com/docker/cli/cli-plugins/socket"},
	{pkg: "github.com/moby/moby/client"},
	{pkg: "github.com/docker/docker/client"},
	{pkg: "github.com/distribution/reference"},
	{pkg: "google.golang.org/grpc"},
	{pkg: "go.opentelemetry.io"},
}

// route finds an import path from the program to a package matching
// target; nil if none.
func route(graph map[string][]string, target func(string) bool) []string {
	start := module + "/cli-plugin"
	prev := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if target(p) {
			var path []string
			for ; p != ""; p = prev[p] {
				path = append([]string{p}, path...)
			}
			return path
		}
		for _, next := range graph[p] {
			if _, seen := prev[next]; seen {
				continue
			}
			prev[next] = p
			queue = append(queue, next)
		}
	}
	return nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func TestProgramLinksNoDockerCommandLayer(t *testing.T) {
	graph := importGraph(t, moduleRoot(t), "./cli-plugin")
	if _, ok := graph[module+"/cli-plugin/commands"]; !ok {
		t.Fatal("the import graph of ./cli-plugin lacks cli-plugin/commands; the listing is wrong")
	}
	for _, f := range dockerCommandLayer {
		under := func(p string) bool { return p == f.pkg || !f.alone && strings.HasPrefix(p, f.pkg+"/") }
		if path := route(graph, under); path != nil {
			t.Errorf("mcptrust links %s: %s", f.pkg, strings.Join(path, " -> "))
		}
	}
}

// dockerpluginAllowed is everything cli-plugin/dockerplugin may link besides
// the standard library: the plugin protocol must stay as light as the
// launcher, and knows nothing of cobra or the commands.
var dockerpluginAllowed = []string{
	module + "/cli-plugin/dockerplugin", "github.com/docker/cli/cli-plugins/metadata", "github.com/spf13/pflag",
}

func TestDockerpluginLinksOnlyProtocol(t *testing.T) {
	root := moduleRoot(t)
	for _, dep := range deps(t, root, "cli-plugin/dockerplugin", true) {
		if !hasAnyPrefix(dep, dockerpluginAllowed) {
			t.Errorf("cli-plugin/dockerplugin links %s; it may use only %v", dep, dockerpluginAllowed)
		}
	}
}

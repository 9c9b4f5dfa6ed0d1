//go:build unix

package commands

import (
	"context"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/dockerplugin/dockerplugintest"
)

// blockingLoad is a catalog source that answers only when the command's
// context ends.
func blockingLoad(ctx context.Context, _ string, _ ...catalog.Option) (*catalog.Catalog, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// docker's first interrupt closes its plugin socket; the running command's
// context ends with it, and the command exits 130.
func TestPluginSocketCancelsCommand(t *testing.T) {
	addr, conns := dockerplugintest.Socket(t)
	f, _, _ := testFactory(t, false)
	f.Getenv = func(k string) string {
		if k == "DOCKER_CLI_PLUGIN_SOCKET" {
			return addr
		}
		return ""
	}
	f.LoadCatalog = blockingLoad
	done := make(chan error, 1)
	go func() {
		_, err := runPlugin(context.Background(), f, []string{"mcptrust", "catalog", "--catalog", "demo"})
		done <- err
	}()
	select {
	case c := <-conns:
		c.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("the plugin never connected to docker's socket")
	}
	select {
	case err := <-done:
		if ExitCode(err) != ExitCancelled {
			t.Errorf("catalog after docker closed its socket: %v (exit %d), want exit %d", err, ExitCode(err), ExitCancelled)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the command still runs after docker closed its socket")
	}
}

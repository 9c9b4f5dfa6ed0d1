// Command proxy is the reviewer proxy alone, for the real-engine tests: the
// same proxy.Main the hidden `mcptrust reviewer-proxy` command runs, in a
// small static binary that builds fast.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mcp-trust/mcp-trust/reviewer/proxy"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := proxy.Main(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "reviewer-proxy:", err)
		os.Exit(1)
	}
}

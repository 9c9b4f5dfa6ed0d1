package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/demo"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

// DemoOptions holds the inputs of the demo command.
type DemoOptions struct {
	IO     *iostreams.IOStreams
	Seed   func(ctx context.Context) (*demo.World, error)
	Format Format
	NoTUI  bool
	// UI: the demo's UI honours MCPTRUST_NO_CLIPBOARD (catalog_tui.go).
	UI uiFlags
}

// NewCmdDemo builds `demo`.
func NewCmdDemo(f *Factory, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO, Seed: demo.Seed, UI: uiFlags{NoClipboard: clipboardOffByEnv(f.Getenv)}}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the offline demo: signed demo images in a local registry, verified",
		Long: `Start a real OCI registry on 127.0.0.1, seed it with an image for every demo
catalog entry (signed the way Docker signs mcp/* images, with a demo key and a
demo transparency log made on the spot; some broken on purpose: a rolled-back
build, a replayed signature, a wrong key, an unsigned image, an index with one
bad platform, a moved tag), then verify them all. Nothing leaves this machine.
The demo checks that every scenario got the verdict it should.

On a terminal it opens the catalog UI on the demo instead: press V to verify
every server and watch the badges change, enter for details, r for a review.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return demoRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.NoTUI, "no-tui", false, "Verify everything and print the results instead of opening the UI")
	return cmd
}

func demoRun(ctx context.Context, opts *DemoOptions) error {
	w, err := opts.Seed(ctx)
	if err != nil {
		return fmt.Errorf("starting the demo: %w", err)
	}
	defer w.Close()
	fmt.Fprintf(opts.IO.ErrOut, "demo: registry at %s with %d images, signed with a demo key made just now\n", w.Host, len(w.Expect))
	fmt.Fprintln(opts.IO.ErrOut, "demo: (the real catalog's mcp/* images are signed with Docker's key, which verify uses by default)")
	v, err := verify.New(verify.WithKey(w.KeyPEM), verify.WithRekorKeys(w.RekorPEM))
	if err != nil {
		return fmt.Errorf("setting up the demo verifier: %w", err)
	}
	if opts.Format.IsTable() && !opts.NoTUI && opts.IO.IsStdinTTY() && opts.IO.IsStdoutTTY() {
		reports := storeReports{store: func() reviewer.Store { return w.Reports }}
		return openTUI(ctx, opts.IO, w.Catalog, newTUIVerifier(v, ""), reports, opts.UI)
	}
	var targets []verify.Target
	for _, s := range w.Catalog.Servers {
		if s.Image != "" {
			targets = append(targets, targetFor(s, ""))
		}
	}
	results, err := verifyAll(ctx, v, targets, 8, newProgress(opts.IO, true, len(targets)))
	if err != nil {
		return err
	}
	if opts.Format.IsTable() {
		if err := writeCatalogTable(opts.IO, w.Catalog); err != nil {
			return err
		}
		fmt.Fprintln(opts.IO.Out)
	}
	if err := printResults(opts.IO, opts.Format, results); err != nil {
		return err
	}
	return checkDemo(opts.IO, w, results)
}

// checkDemo compares each verdict with its scenario's expected verdict: the
// demo is also a self-test of the whole verification path.
func checkDemo(io *iostreams.IOStreams, w *demo.World, results []*verify.Result) error {
	var wrong []string
	for _, r := range results {
		sc := w.Expect[r.Target.Name]
		if r.Verdict != sc.Expect() {
			wrong = append(wrong, fmt.Sprintf("%s (%s): %s, want %s", r.Target.Name, sc, r.Verdict, sc.Expect()))
		}
	}
	if len(wrong) > 0 {
		return &TrustError{Err: errors.New("demo scenarios went wrong: " + strings.Join(wrong, "; "))}
	}
	fmt.Fprintf(io.ErrOut, "demo: all %d scenarios got the verdict they should\n", len(results))
	return nil
}

package commands

import (
	"context"
	"fmt"
	"sync"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/tui"
	"github.com/mcp-trust/mcp-trust/verify"
)

// wantsTUI decides between the terminal UI and the table: the UI needs a
// terminal on both ends, the table format, and no --no-tui.
func wantsTUI(opts *CatalogOptions) bool {
	return opts.Format.IsTable() && !opts.NoTUI && opts.IO.IsStdinTTY() && opts.IO.IsStdoutTTY()
}

// openCatalogTUI shows cat in the terminal UI. The verifier is built on the
// first `v`, with the default trust flags (Docker's key, the public Rekor),
// so browsing never sets up a registry client.
func openCatalogTUI(ctx context.Context, f *Factory, opts *CatalogOptions, cat *catalog.Catalog) error {
	return openTUI(ctx, opts.IO, cat, lazyTUIVerifier(ctx, f, opts.IO, registryPolicy(cat)), storeReports{store: f.Reports, docker: tuiDockerReviews(f, cat)})
}

// lazyTUIVerifier adapts Factory.Verifier, called at most once, on first
// use. COSIGN_REPOSITORY is honoured (and said on stderr) as in `verify`.
func lazyTUIVerifier(ctx context.Context, f *Factory, io *iostreams.IOStreams, extra []verify.Option) *tuiVerifier {
	sigRepo := (&TrustFlags{}).signatureRepo(f.Getenv, io.ErrOut)
	build := sync.OnceValues(func() (*verify.Verifier, error) { return f.Verifier(ctx, TrustFlags{}, extra...) })
	return &tuiVerifier{verifier: build, sigRepo: sigRepo}
}

// openTUI runs the catalog UI on the terminal with v as its verifier and
// reports as its reviews. The demo command opens its own seeded catalog
// with it.
func openTUI(ctx context.Context, io *iostreams.IOStreams, cat *catalog.Catalog, v tui.Verifier, reports tui.Reports) error {
	opts := tuiOptions(io, cat, v)
	opts.Reports = reports
	return tui.Run(ctx, opts)
}

// tuiOptions leaves Input and Output nil: the UI takes the process's own
// terminal, since wrapping the streams docker hands a plugin breaks key
// input. OSC 52 stays off: the reference is shown for copying by hand.
func tuiOptions(io *iostreams.IOStreams, cat *catalog.Catalog, v tui.Verifier) tui.Options {
	return tui.Options{
		Catalog:  cat,
		Verifier: v,
		Reports:  tui.NoReports{},
		NoColor:  !io.ColorEnabled(),
	}
}

// tuiVerifier adapts a verify.Verifier to tui.Verifier with the same
// catalog-entry-to-target rule as `verify` (targetFor).
type tuiVerifier struct {
	verifier func() (*verify.Verifier, error)
	sigRepo  string
}

// newTUIVerifier adapts an already built verifier; sigRepo "" means the
// per-image default.
func newTUIVerifier(v *verify.Verifier, sigRepo string) tui.Verifier {
	return &tuiVerifier{verifier: func() (*verify.Verifier, error) { return v, nil }, sigRepo: sigRepo}
}

// Verify implements tui.Verifier.
func (a *tuiVerifier) Verify(ctx context.Context, s *catalog.Server) (*verify.Result, error) {
	v, err := a.verifier()
	if err != nil {
		return nil, fmt.Errorf("building the verifier: %w", err)
	}
	return v.Verify(ctx, targetFor(s, a.sigRepo))
}

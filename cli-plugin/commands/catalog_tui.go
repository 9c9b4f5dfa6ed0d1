package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/tui"
	"github.com/mcp-trust/mcp-trust/verify"
)

// noClipboardEnv turns the UI's y (OSC 52 copy) off, like --no-clipboard.
const noClipboardEnv = "MCPTRUST_NO_CLIPBOARD"

// uiFlags are the terminal UI's own choices.
type uiFlags struct {
	Theme       tui.Theme
	NoClipboard bool
	NoMouse     bool
}

// addUIFlags registers the UI flags of `catalog`.
func addUIFlags(cmd *cobra.Command, opts *CatalogOptions) {
	cmd.Flags().StringVar(&opts.ThemeName, "theme", tui.ThemeAuto.String(),
		"UI colours: "+strings.Join(tui.Themes, "|")+" (auto follows the terminal's background; NO_COLOR turns colour off)")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions(tui.Themes, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().BoolVar(&opts.UI.NoClipboard, "no-clipboard", false,
		"In the UI, y copies nothing (also "+noClipboardEnv+"=1); c still shows the reference")
	cmd.Flags().BoolVar(&opts.UI.NoMouse, "no-mouse", false, "Leave the mouse to the terminal (text selection) instead of the UI")
}

// clipboardOffByEnv reads MCPTRUST_NO_CLIPBOARD: unset, empty, 0 or false
// leave copying on; any other value turns it off.
func clipboardOffByEnv(getenv func(string) string) bool {
	v := strings.TrimSpace(getenv(noClipboardEnv))
	if v == "" {
		return false
	}
	off, err := strconv.ParseBool(v)
	return err != nil || off
}

// wantsTUI decides between the terminal UI and the table: the UI needs a
// terminal on both ends, the table format, and no --no-tui.
func wantsTUI(opts *CatalogOptions) bool {
	return opts.Format.IsTable() && !opts.NoTUI && opts.IO.IsStdinTTY() && opts.IO.IsStdoutTTY()
}

// openCatalogTUI shows cat in the terminal UI. The verifier is built on the
// first `v`, with the default trust flags (Docker's key, the public Rekor),
// so browsing never sets up a registry client.
func openCatalogTUI(ctx context.Context, f *Factory, opts *CatalogOptions, cat *catalog.Catalog) error {
	return openTUI(ctx, opts.IO, cat, lazyTUIVerifier(ctx, f, opts.IO, registryPolicy(cat)), storeReports{store: f.Reports, docker: tuiDockerReviews(f, cat)}, opts.UI)
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
func openTUI(ctx context.Context, io *iostreams.IOStreams, cat *catalog.Catalog, v tui.Verifier, reports tui.Reports, ui uiFlags) error {
	opts := tuiOptions(io, cat, v, ui)
	opts.Reports = reports
	return tui.Run(ctx, opts)
}

// tuiOptions leaves Input and Output nil: the UI takes the process's own
// terminal, since wrapping the streams docker hands a plugin breaks key
// input. Clipboard stays nil: y writes OSC 52 to that terminal unless the
// user turned it off.
func tuiOptions(io *iostreams.IOStreams, cat *catalog.Catalog, v tui.Verifier, ui uiFlags) tui.Options {
	return tui.Options{
		Catalog:     cat,
		Verifier:    v,
		Reports:     tui.NoReports{},
		NoColor:     !io.ColorEnabled(),
		Theme:       ui.Theme,
		NoClipboard: ui.NoClipboard,
		NoMouse:     ui.NoMouse,
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

// parseUIFlags turns the UI's flags and environment into its options:
// --theme is parsed (a usage error names the choices) and
// MCPTRUST_NO_CLIPBOARD can turn copying off.
func parseUIFlags(opts *CatalogOptions, getenv func(string) string) error {
	theme, err := tui.ParseTheme(opts.ThemeName)
	if err != nil {
		return FlagErrorf("--theme: %w", err)
	}
	opts.UI.Theme = theme
	opts.UI.NoClipboard = opts.UI.NoClipboard || clipboardOffByEnv(getenv)
	return nil
}

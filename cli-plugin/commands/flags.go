package commands

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// addCatalogFlags registers the flags that choose a catalog source.
func addCatalogFlags(cmd *cobra.Command, source, publishers *string) {
	cmd.Flags().StringVar(source, "catalog", catalog.DefaultURL,
		`Catalog: URL, registry checkout, catalog YAML file, oci://REF, or "demo"`)
	cmd.Flags().StringVar(publishers, "publishers", "",
		"Known-publishers list replacing the built-in one: YAML file or https URL (cached like catalogs)")
}

// loadCatalog loads a catalog source. --publishers replaces the built-in
// known-publishers list; the demo catalog keeps its own list unless the
// flag is given.
func loadCatalog(ctx context.Context, load func(context.Context, string, ...catalog.Option) (*catalog.Catalog, error), source, publishers string) (*catalog.Catalog, error) {
	var opts []catalog.Option
	switch {
	case publishers != "":
		opts = append(opts, catalog.WithPublishersFrom(publishers))
	case source != catalog.DemoSpec:
		opts = append(opts, catalog.WithPublishers(catalog.DefaultPublishers()))
	}
	return load(ctx, source, opts...)
}

// TrustFlags are the flags that decide what a verification trusts.
type TrustFlags struct {
	Key           string // --key FILE|URL; empty: Docker's embedded MCP key
	SignatureRepo string // --signature-repo; empty: COSIGN_REPOSITORY, else mcp/signatures
	RekorKey      string // --rekor-key FILE; empty: Sigstore's public-good Rekor, built in
	IgnoreTlog    bool   // --insecure-ignore-tlog
	Platform      string // --platform os/arch[/variant]; empty: every platform
}

// AddFlags registers the trust flags on cmd.
func (t *TrustFlags) AddFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&t.Key, "key", "", "Public key (PEM file or https URL) to verify signatures with (default: Docker's MCP key, built in)")
	fl.StringVar(&t.SignatureRepo, "signature-repo", "", "Repository holding the signatures (default: $COSIGN_REPOSITORY, else mcp/signatures beside an mcp/* image)")
	fl.StringVar(&t.RekorKey, "rekor-key", "", "Public key (PEM file) of the transparency log, for a private Sigstore (default: Sigstore's public-good Rekor, built in)")
	fl.BoolVar(&t.IgnoreTlog, "insecure-ignore-tlog", false, "Do not require a Rekor transparency-log proof (INSECURE)")
	fl.StringVar(&t.Platform, "platform", "", "Check only this platform, e.g. linux/amd64 (an image of another platform fails)")
}

// Validate checks the flag values that can be checked without I/O.
func (t *TrustFlags) Validate() error {
	if t.Platform != "" && strings.Count(t.Platform, "/") < 1 {
		return FlagErrorf("invalid --platform %q: want os/arch[/variant]", t.Platform)
	}
	if strings.HasPrefix(t.Key, "http://") {
		return FlagErrorf("invalid --key %q: only https URLs or files", t.Key)
	}
	return nil
}

// signatureRepo resolves the signature repository override: the flag, else
// COSIGN_REPOSITORY (said loudly, since an environment variable can redirect
// where trust comes from), else "" for the per-image default.
func (t *TrustFlags) signatureRepo(getenv func(string) string, stderr io.Writer) string {
	if t.SignatureRepo != "" {
		return t.SignatureRepo
	}
	if env := getenv("COSIGN_REPOSITORY"); env != "" {
		fmt.Fprintf(stderr, "note: signatures are read from COSIGN_REPOSITORY=%s\n", sanitize.Line(env))
		return env
	}
	return ""
}

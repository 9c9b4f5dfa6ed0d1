package commands

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/docker/cli/cli/config"
	"github.com/docker/cli/cli/config/configfile"
	"github.com/docker/cli/cli/config/credentials"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

// Factory carries what commands need. Cheap things are fields; anything that
// does I/O is a function, called only by the commands that need it, so
// `docker mcptrust lint` never builds a registry client or talks to the
// Docker engine.
type Factory struct {
	IO *iostreams.IOStreams
	// Now is the clock (fixed in tests).
	Now func() time.Time
	// ConfigDir is the Docker CLI configuration directory (DOCKER_CONFIG,
	// --config, or ~/.docker): our cache and reports live under it.
	ConfigDir func() string
	// LoadCatalog loads a catalog source (see catalog.Load).
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	// DockerConfig loads the Docker CLI config (credentials).
	DockerConfig func() *configfile.ConfigFile
	// Verifier builds an image verifier from the trust flags, plus any
	// options the command adds (such as a registry policy).
	Verifier func(ctx context.Context, trust TrustFlags, extra ...verify.Option) (*verify.Verifier, error)
	// Getenv reads the environment (fixed in tests).
	Getenv func(string) string
	// Reports is the local store of review reports, where `review` writes
	// and `report` and the TUI read: <config dir>/mcptrust/reports.
	Reports func() reviewer.Store
	// DockerReviews builds the source of Docker's registry reviews.
	DockerReviews func(offline bool, timeout time.Duration) (*dockerreviews.Source, error)
	// GitHubTransport dials GitHub for DockerReviews; nil is the default
	// transport (tests set a loopback-only one).
	GitHubTransport http.RoundTripper
	// Reviewer returns what runs a review (reviewer.Run).
	Reviewer func() ReviewFunc
	// Git returns the git runner of pin and lint --changed.
	Git func() GitRunner
}

// NewFactory builds the real implementations.
func NewFactory(io *iostreams.IOStreams) *Factory {
	f := &Factory{
		IO:        io,
		Now:       time.Now,
		ConfigDir: config.Dir,
		Getenv:    os.Getenv,
	}
	f.Reports = func() reviewer.Store {
		return reviewer.Store{Dir: filepath.Join(f.ConfigDir(), "mcptrust", "reports")}
	}
	f.DockerReviews = f.newDockerReviews
	f.Reviewer = func() ReviewFunc { return reviewer.Run }
	f.Git = func() GitRunner { return reviewerGit{} }
	f.DockerConfig = sync.OnceValue(func() *configfile.ConfigFile {
		return loadDockerConfig(f.ConfigDir(), io.ErrOut)
	})
	f.Verifier = func(ctx context.Context, trust TrustFlags, extra ...verify.Option) (*verify.Verifier, error) {
		return newVerifier(ctx, f, trust, extra...)
	}
	f.LoadCatalog = func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error) {
		base := []catalog.Option{
			catalog.WithCacheDir(filepath.Join(f.ConfigDir(), "mcptrust", "cache")),
			catalog.WithNow(f.Now),
			catalog.WithOCI(f.pullCatalogArtifact),
		}
		return catalog.Load(ctx, spec, append(base, opts...)...)
	}
	return f
}

// loadDockerConfig reads dir's config.json as docker does: a missing file is
// an empty config, a broken one a warning and an empty config, and without
// stored credentials the platform's credential helper is used if installed.
func loadDockerConfig(dir string, stderr io.Writer) *configfile.ConfigFile {
	cf, err := config.Load(dir)
	if err != nil {
		fmt.Fprintln(stderr, "WARNING: Error", err)
	}
	if !cf.ContainsAuth() {
		cf.CredentialsStore = credentials.DetectDefaultStore(cf.CredentialsStore)
	}
	return cf
}

// newVerifier turns trust flags into a verify.Verifier.
func newVerifier(ctx context.Context, f *Factory, trust TrustFlags, extra ...verify.Option) (*verify.Verifier, error) {
	opts := []verify.Option{verify.WithKeychain(dockerKeychain{config: f.DockerConfig})}
	if trust.Key != "" {
		pem, err := readKeyPEM(ctx, "--key", trust.Key)
		if err != nil {
			return nil, err
		}
		opts = append(opts, verify.WithKey(pem))
	}
	if trust.RekorKey != "" {
		pem, err := readKeyPEM(ctx, "--rekor-key", trust.RekorKey)
		if err != nil {
			return nil, err
		}
		opts = append(opts, verify.WithRekorKeys(pem))
	}
	if trust.IgnoreTlog {
		opts = append(opts, verify.WithInsecureIgnoreTlog())
	}
	if trust.Platform != "" {
		opts = append(opts, verify.WithPlatform(trust.Platform))
	}
	v, err := verify.New(append(opts, extra...)...)
	if err != nil {
		return nil, FlagErrorf("setting up verification: %w", err)
	}
	return v, nil
}

// Catalog artifacts as Docker publishes them (SPEC.md): one application/json
// layer in an artifact of this type.
const (
	catalogArtifactType = "application/vnd.docker.mcp.catalog.v1+json"
	catalogLayerType    = "application/json"
	maxCatalogBytes     = 64 << 20
)

// pullCatalogArtifact reads an oci:// catalog with the verifier's registry
// client, so it follows the same credential, size and loopback-only-HTTP
// rules as verify.
func (f *Factory) pullCatalogArtifact(ctx context.Context, ref string) ([]byte, error) {
	v, err := f.Verifier(ctx, TrustFlags{})
	if err != nil {
		return nil, err
	}
	a, err := v.FetchArtifact(ctx, ref, catalogArtifactType, catalogLayerType, maxCatalogBytes)
	if err != nil {
		return nil, err
	}
	return a.Data, nil
}

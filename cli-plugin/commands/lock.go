package commands

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/verify"
)

// LockOptions holds the inputs of the lock command.
type LockOptions struct {
	IO          *iostreams.IOStreams
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	Verifier    func(ctx context.Context, trust TrustFlags, extra ...verify.Option) (*verify.Verifier, error)
	Getenv      func(string) string
	Now         func() time.Time

	Servers     []string
	All         bool
	Path        string
	Check       bool
	Update      bool
	Source      string
	Publishers  string
	Trust       TrustFlags
	Concurrency int
	Format      Format
}

// NewCmdLock builds `lock`.
func NewCmdLock(f *Factory, runF func(*LockOptions) error) *cobra.Command {
	opts := &LockOptions{IO: f.IO, LoadCatalog: f.LoadCatalog, Verifier: f.Verifier, Getenv: f.Getenv, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "lock [SERVER...|--all]",
		Short: "Record verified servers in mcptrust.lock, and alert when they change",
		Long: `Trust on first use, then alert on change. lock verifies each server (as
verify does) and records in the lock file its verified digest and platform
digests, pin, signer key fingerprint, Rekor log index, image and source
repositories, catalog and time. It refuses to lock anything that does not
verify, and writes nothing then. A server already locked whose digest, pin,
signer key or repositories changed fails with a diff: review it, then
lock --update.

  lock SERVER...|--all   add servers to the lock file
  lock --check           verify the locked servers and compare (writes nothing)
  lock --update          rewrite the servers that verify now; print what changed

--check and --update act on the locked servers unless servers or --all are
given; servers not in the lock file are reported as new, not failed.

--format json prints one document (each server's status: new, changed,
unchanged or not-verified, its changes, its locked and current entries, and
whether the file was written); a --format template runs once per server.

Exit status: 0 ok, 1 a server changed or does not verify, 2 bad input or a
malformed lock file, 3 could not decide.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Servers = args
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return lockRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.All, "all", false, "Every server of the catalog that has an image")
	fl.StringVar(&opts.Path, "lock", lock.DefaultPath, "The lock file")
	fl.BoolVar(&opts.Check, "check", false, "Compare with the lock file; write nothing")
	fl.BoolVar(&opts.Update, "update", false, "Rewrite the servers that verify now")
	fl.IntVar(&opts.Concurrency, "concurrency", 8, "How many images to verify at once (1-64)")
	addCatalogFlags(cmd, &opts.Source, &opts.Publishers)
	opts.Trust.AddFlags(cmd)
	return cmd
}

func (o *LockOptions) validate() error {
	switch {
	case o.Check && o.Update:
		return FlagErrorf("give --check or --update, not both")
	case o.All && len(o.Servers) > 0:
		return FlagErrorf("give servers or --all, not both")
	case !o.Check && !o.Update && !o.All && len(o.Servers) == 0:
		return FlagErrorf("lock needs a SERVER or --all (or --check, --update)")
	case o.Path == "":
		return FlagErrorf("--lock needs a path")
	case o.Concurrency < 1 || o.Concurrency > 64:
		return FlagErrorf("invalid --concurrency %d: want 1 to 64", o.Concurrency)
	}
	return o.Trust.Validate()
}

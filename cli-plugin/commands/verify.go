package commands

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/verify"
)

// VerifyOptions holds the inputs of the verify command.
type VerifyOptions struct {
	IO          *iostreams.IOStreams
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	// Verifier builds the verifier from the trust flags.
	Verifier func(ctx context.Context, trust TrustFlags, extra ...verify.Option) (*verify.Verifier, error)
	Getenv   func(string) string

	Args        []string
	All         bool
	Shard       Shard
	Source      string
	Publishers  string
	Trust       TrustFlags
	Concurrency int
	// Timeout bounds the whole run; targets not done by then are undecided.
	Timeout time.Duration
	Format  Format
	// RequireProvenance makes a skipped provenance check fail.
	RequireProvenance bool
	// Locked compares the verified servers with the lock file at LockPath.
	Locked   bool
	LockPath string
	Now      func() time.Time
	// NoCache verifies everything in full; otherwise verified results are
	// cached under CacheDir() and reused while their inputs are unchanged.
	NoCache  bool
	CacheDir func() string
}

// Shard selects every N-th target of `verify --all`, so CI can split the
// catalog across jobs. Index is 1-based; the zero value selects everything.
type Shard struct{ Index, Count int }

// ParseShard parses "I/N" with 1 <= I <= N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	a, err1 := strconv.Atoi(i)
	b, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || b < 1 || a < 1 || a > b {
		return Shard{}, FlagErrorf("invalid --shard %q: want I/N with 1 <= I <= N", s)
	}
	return Shard{Index: a, Count: b}, nil
}

// Has reports whether the i-th (0-based) target belongs to this shard.
func (s Shard) Has(i int) bool { return s.Count == 0 || i%s.Count == s.Index-1 }

// NewCmdVerify builds `verify`.
func NewCmdVerify(f *Factory, runF func(*VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: f.IO, LoadCatalog: f.LoadCatalog, Verifier: f.Verifier, Getenv: f.Getenv, Now: f.Now,
		CacheDir: func() string { return filepath.Join(f.ConfigDir(), "mcptrust", "verdicts") }}
	var shard string
	cmd := &cobra.Command{
		Use:   "verify SERVER|IMAGE[@DIGEST]... | --all",
		Short: "Prove an image is the signed build of the commit the registry pinned",
		Long: `Verify that an image is the pinned, signed build: the tag is resolved once to a
digest and everything after uses that digest; the image's
org.opencontainers.image.revision label (on every platform) must equal the
catalog's pin; a cosign signature from the signature repository must be valid
under Docker's MCP key for exactly that digest, name the same repository and
carry the same revision; its Rekor bundle is verified offline.

When the index carries BuildKit SLSA provenance attestations, the check
provenance compares the attested git source and commit with the catalog's
source.project and pin; the unsigned attestations count only because the
signature covers the index that lists them. A provenance skip does not change
the verdict unless --require-provenance.

Verified results are cached under the Docker config dir and reused while
digest, pin, keys and signatures are unchanged (--no-cache to verify in
full). --locked (or --lock PATH, which implies it) also fails when a server
recorded by "lock" changed.

` + trusttext.SignatureCaveat + `

Exit status: 0 all verified, 1 any failed or not enforceable, 2 bad input,
3 could not decide (registry down, timeout).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			opts.Args = args
			// --lock names the file to compare with; it has no other use
			// in verify, so naming one means --locked (never ignored).
			opts.Locked = opts.Locked || cmd.Flags().Changed("lock")
			if err := opts.validate(shard); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return verifyRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.All, "all", false, "Verify every server of the catalog that has an image")
	fl.StringVar(&shard, "shard", "", "With --all, verify only shard I of N (e.g. 2/4)")
	fl.IntVar(&opts.Concurrency, "concurrency", 8, "How many images to verify at once (1-64)")
	fl.DurationVar(&opts.Timeout, "timeout", DefaultVerifyTimeout, "Time limit for the whole run; targets not finished by then are undecided")
	fl.BoolVar(&opts.NoCache, "no-cache", false, "Verify every image in full, without the verdict cache")
	fl.BoolVar(&opts.Locked, "locked", false, "Fail when a server locked in the lock file changed (digest, pin, signer key, repository)")
	fl.StringVar(&opts.LockPath, "lock", lock.DefaultPath, "The lock file to compare with (implies --locked)")
	fl.BoolVar(&opts.RequireProvenance, "require-provenance", false, "Fail an image whose build provenance cannot be checked (no attestation, or not covered by the signature)")
	addCatalogFlags(cmd, &opts.Source, &opts.Publishers)
	opts.Trust.AddFlags(cmd)
	return cmd
}

func (o *VerifyOptions) validate(shard string) error {
	switch {
	case o.All && len(o.Args) > 0:
		return FlagErrorf("give servers or images, or --all, not both")
	case !o.All && len(o.Args) == 0:
		return FlagErrorf("verify needs a SERVER, an IMAGE or --all")
	case shard != "" && !o.All:
		return FlagErrorf("--shard needs --all")
	case o.Concurrency < 1 || o.Concurrency > 64:
		return FlagErrorf("invalid --concurrency %d: want 1 to 64", o.Concurrency)
	case o.Timeout <= 0:
		return FlagErrorf("invalid --timeout %v: must be positive", o.Timeout)
	case o.Locked && o.LockPath == "":
		return FlagErrorf("--lock needs a path")
	}
	if shard != "" {
		var err error
		o.Shard, err = ParseShard(shard)
		return err
	}
	return o.Trust.Validate()
}

// DefaultVerifyTimeout is verify's --timeout default.
const DefaultVerifyTimeout = 10 * time.Minute

func verifyRun(ctx context.Context, opts *VerifyOptions) error {
	var lf *lock.File
	if opts.Locked {
		var err error
		if lf, err = readLock(opts.LockPath, false); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeoutCause(ctx, opts.Timeout, fmt.Errorf("the run's --timeout of %v passed", opts.Timeout))
	defer cancel()
	cat, err := loadCatalog(ctx, opts.LoadCatalog, opts.Source, opts.Publishers)
	if err != nil {
		return err
	}
	sigRepo := opts.Trust.signatureRepo(opts.Getenv, opts.IO.ErrOut)
	targets, err := selectTargets(cat, opts, sigRepo)
	if err != nil {
		return err
	}
	extra := registryPolicy(cat)
	if opts.RequireProvenance {
		extra = append(extra, verify.WithRequireProvenance())
	}
	if !opts.NoCache {
		extra = append(extra, verify.WithCache(verify.NewDirCache(opts.CacheDir())))
	}
	if len(targets) == 1 {
		extra = append(extra, verify.WithSingleVerify())
	}
	v, err := opts.Verifier(ctx, opts.Trust, extra...)
	if err != nil {
		return err
	}
	if opts.Trust.IgnoreTlog {
		fmt.Fprintln(opts.IO.ErrOut, "WARNING: --insecure-ignore-tlog: Rekor transparency-log proofs are NOT checked")
	}
	results, err := verifyAll(ctx, v, targets, opts.Concurrency, newProgress(opts.IO, opts.All, len(targets)))
	if err != nil {
		return err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		fmt.Fprintf(opts.IO.ErrOut, "WARNING: %v: targets not finished by then are undecided\n", context.Cause(ctx))
	}
	if err := printResults(opts.IO, opts.Format, results); err != nil {
		return err
	}
	if lf != nil {
		if err := checkLocked(opts.IO.ErrOut, lf, opts.LockPath, results, cat.Source, opts.Now()); err != nil {
			return err
		}
	}
	return verdictError(results)
}

// selectTargets turns arguments (or --all) into verify targets.
func selectTargets(cat *catalog.Catalog, opts *VerifyOptions, sigRepo string) ([]verify.Target, error) {
	if opts.All {
		var out []verify.Target
		n := 0
		for _, s := range cat.Servers {
			if s.Image == "" {
				continue
			}
			if opts.Shard.Has(n) {
				out = append(out, targetFor(s, sigRepo))
			}
			n++
		}
		return out, nil
	}
	out := make([]verify.Target, 0, len(opts.Args))
	for _, arg := range opts.Args {
		t, err := targetForArg(cat, arg, sigRepo)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func targetForArg(cat *catalog.Catalog, arg, sigRepo string) (verify.Target, error) {
	if s, ok := cat.Lookup(arg); ok {
		if s.Image == "" {
			return verify.Target{}, FlagErrorf("server %q is a %s server with no image to verify", arg, s.Type)
		}
		return targetFor(s, sigRepo), nil
	}
	if p, ok := cat.Refused(arg); ok {
		return verify.Target{}, &catalog.InputError{Path: p.File, Err: fmt.Errorf("server %q was refused by the catalog loader: %s", arg, p.Message)}
	}
	if !looksLikeImage(arg) {
		return verify.Target{}, FlagErrorf("no server %q in catalog %s", arg, cat.Source)
	}
	if s := findByImage(cat, arg); s != nil {
		t := targetFor(s, sigRepo)
		t.Ref = arg
		t.CatalogDigest = ""
		if _, d, ok := strings.Cut(arg, "@"); ok {
			t.CatalogDigest = d
		}
		return t, nil
	}
	return imageTarget(arg, sigRepo), nil
}

// verdictError maps the results to the command's error: any failure (or an
// image whose provenance cannot be enforced) is a trust problem; otherwise
// any undecided result means we could not decide.
func verdictError(results []*verify.Result) error {
	var failed, undecided int
	for _, r := range results {
		switch r.Verdict {
		case verify.VerdictVerified:
		case verify.VerdictUndecided:
			undecided++
		default:
			failed++
		}
	}
	switch {
	case failed > 0:
		return silentTrustError(fmt.Sprintf("%d of %d not verified", failed, len(results)))
	case undecided > 0:
		return &UndecidedError{Err: fmt.Errorf("%d of %d could not be decided", undecided, len(results)), Silent: true}
	}
	return nil
}

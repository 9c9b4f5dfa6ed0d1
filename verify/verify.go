package verify

import (
	"context"
	"fmt"
	"sync"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// Verifier checks images against their pins. It is safe for concurrent use;
// one Verifier serves a whole `verify --all` run.
type Verifier struct {
	cfg *config
	key *sigkeys.PublicKey // the signing key

	mu       sync.Mutex
	pings    map[string]*challenge // per registry host: how it authenticates
	breakers map[string]*breaker   // per registry host: consecutive failures
}

// New builds a Verifier. Without options it trusts the embedded Docker MCP
// key and Sigstore public-good Rekor root, reads credentials from the Docker
// CLI config, and applies DefaultLimits with a 30 s per-request timeout.
func New(opts ...Option) (*Verifier, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	key, err := sigkeys.ParsePEM(cfg.keyPEM)
	if err != nil {
		return nil, err
	}
	cfg.transport = cfg.transportFor()
	if cfg.logs == nil {
		if cfg.logs, err = sigkeys.LogKeysFromTrustedRoot(sigstoreTrustedRoot); err != nil {
			return nil, fmt.Errorf("parsing embedded trusted root: %w", err)
		}
	}
	return &Verifier{cfg: cfg, key: key, pings: map[string]*challenge{}, breakers: map[string]*breaker{}}, nil
}

// Verify checks one target. The error is non-nil only for an invalid Target
// (*InputError); every registry or trust outcome is in the Result.
func (v *Verifier) Verify(ctx context.Context, t Target) (*Result, error) {
	p, err := parseTarget(t)
	if err != nil {
		return nil, err
	}
	res := &Result{Target: p.target, CustomKey: v.cfg.customKey, TlogSkipped: v.cfg.ignoreTlog}
	r := &run{v: v, p: p, res: res}
	if v.cfg.cache != nil {
		if cached := r.fromCache(ctx); cached != nil {
			return cached, nil
		}
		// A miss keeps the clients the cache check authenticated (one
		// token request per verify, on connections already open) and the
		// manifest it read by tag (no second round trip for it).
		r = &run{v: v, p: p, res: res, img: r.img, sig: r.sig, clients: r.clients, connected: r.connected,
			tagManifest: r.tagManifest}
	}
	r.do(ctx)
	r.facts()
	res.Verdict = verdictOf(res.Checks, res.TlogSkipped)
	if v.cfg.cache != nil {
		r.store()
	}
	return res, nil
}

// run is the state of one Verify.
type run struct {
	v       *Verifier
	p       *plan
	res     *Result
	img     *client // the image's registry
	sig     *client // the signature repository's registry
	pinOK   bool
	clients []*client
	// connected: img and sig are set up and authenticated.
	connected bool
	// tagManifest is the manifest the cache check read by tag, for
	// resolveTag to use on a miss.
	tagManifest *fetched

	sigDigest string // the classic signature manifest's digest, as read
	classicOK bool   // the signature that passed is a classic one
}

// do runs the checks in order. After the digest is known, labels and
// signatures are checked concurrently.
func (r *run) do(ctx context.Context) {
	pin := r.pinCheck()
	r.pinOK = pin.Status == StatusPass
	root, digestCheck := r.resolve(ctx)
	checks := []Check{pin, digestCheck}
	if root == nil {
		checks = append(checks, skipped(CheckRevisionLabel), skipped(CheckSignature), skipped(CheckTlog),
			r.requireProvenance(skipped(CheckProvenance)))
	} else {
		var label Check
		var prov *provenance
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); label = r.labelCheck(ctx, root) }()
		go func() { defer wg.Done(); prov = r.fetchProvenance(ctx, root) }()
		sigs := r.signatureChecks(ctx, root.digest)
		wg.Wait()
		checks = append(checks, label)
		checks = append(checks, sigs...)
		checks = append(checks, r.provenanceCheck(prov, sigs[0]))
	}
	for i := range checks {
		checks[i].Reason = r.redact(checks[i].Reason)
		for j := range checks[i].Detail {
			checks[i].Detail[j].Reason = r.redact(checks[i].Detail[j].Reason)
		}
	}
	r.res.Checks = checks
}

func skipped(name string) Check {
	return Check{Name: name, Status: StatusSkip, Reason: "not checked: no digest was resolved"}
}

func (r *run) redact(s string) string {
	for _, c := range r.clients {
		s = c.redact(s)
	}
	return s
}

// pinCheck: the expected commit must be canonical, exactly (THREATS A9).
func (r *run) pinCheck() Check {
	pin := r.p.target.ExpectedCommit
	switch {
	case pin == "" && !r.p.target.Enforce:
		return Check{Name: CheckPin, Status: StatusSkip, Reason: "no pinned commit (publisher image: pin not enforceable)"}
	case pin == "":
		return Check{Name: CheckPin, Status: StatusFail, Reason: "no pinned commit"}
	case pinRE().MatchString(pin):
		return Check{Name: CheckPin, Status: StatusPass, Reason: "pinned to " + pin}
	case pinRE().MatchString(toLowerASCII(pin)):
		return Check{Name: CheckPin, Status: StatusFail, Reason: fmt.Sprintf("pin %q is not canonical: uppercase hex", pin)}
	}
	return Check{Name: CheckPin, Status: StatusFail, Reason: fmt.Sprintf("pin %q is not canonical: want 40 lowercase hex digits", pin)}
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// connect sets up the clients for the image's and the signature
// repository's registries, authenticating both concurrently.
func (r *run) connect(ctx context.Context) error {
	if r.connected {
		return nil
	}
	err := r.connectClients(ctx)
	r.connected = err == nil
	return err
}

// connectClients is connect, every time.
func (r *run) connectClients(ctx context.Context) error {
	imgReg, sigReg := r.p.repo.Registry, r.p.sigRepo.Registry
	r.img = r.v.newClient(imgReg)
	r.clients = []*client{r.img}
	if sigReg.RegistryStr() == imgReg.RegistryStr() {
		r.sig = r.img
		return r.v.authorizeLazily(ctx, r.img, uniqueRepos(r.p.repo, r.p.sigRepo))
	}
	r.sig = r.v.newClient(sigReg)
	r.clients = append(r.clients, r.sig)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = r.v.authorizeLazily(ctx, r.img, []name.Repository{r.p.repo}) }()
	go func() { defer wg.Done(); errs[1] = r.v.authorizeLazily(ctx, r.sig, []name.Repository{r.p.sigRepo}) }()
	wg.Wait()
	if errs[0] != nil {
		return errs[0]
	}
	return errs[1]
}

func uniqueRepos(a, b name.Repository) []name.Repository {
	if a.RepositoryStr() == b.RepositoryStr() {
		return []name.Repository{a}
	}
	return []name.Repository{a, b}
}

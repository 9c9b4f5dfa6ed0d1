package verify

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// Limits caps what the registry can make the verifier read (THREATS C10).
// The defaults follow containers/image iolimits and cosign's
// maxAllowedSigsOrAtts.
type Limits struct {
	// ManifestBytes caps a manifest or index body; default 4 MiB.
	ManifestBytes int64
	// ConfigBytes caps an image config body; default 4 MiB.
	ConfigBytes int64
	// PayloadBytes caps one signature payload or bundle; default 4 MiB.
	PayloadBytes int64
	// Signatures caps the layers of one signature manifest; default 100.
	Signatures int
	// IndexEntries caps the manifests of one index; default 64.
	IndexEntries int
	// AttestationLayers caps the layers of one attestation manifest;
	// default 16.
	AttestationLayers int
	// AttestationBytes caps one in-toto provenance statement; default 4 MiB.
	AttestationBytes int64
}

// DefaultLimits returns the limits a Verifier uses unless WithLimits is given.
func DefaultLimits() Limits {
	const mib = 1 << 20
	return Limits{ManifestBytes: 4 * mib, ConfigBytes: 4 * mib, PayloadBytes: 4 * mib, Signatures: 100, IndexEntries: 64,
		AttestationLayers: 16, AttestationBytes: 4 * mib}
}

// authBodyLimit caps a token response (containers/image MaxAuthTokenBodySize).
const authBodyLimit = 1 << 20

// Option configures a Verifier.
type Option func(*config) error

// config is what the options build; New turns it into a Verifier.
type config struct {
	keyPEM      []byte
	customKey   bool
	logs        *sigkeys.LogKeys // transparency-log keys; nil: the embedded root's
	ignoreTlog  bool
	keychain    authn.Keychain
	transport   http.RoundTripper
	platform    string
	timeout     time.Duration
	limits      Limits
	concurrency int
	breakAfter  int
	now         func() time.Time // the breaker's clock; a test seam

	requireProvenance bool   // WithRequireProvenance, in provenance.go
	singleVerify      bool   // WithSingleVerify, in sigcheck.go
	cache             Cache  // WithCache, in cache.go
	trustID           []byte // what the transparency-log trust was built from, for cache keys

	registryPolicy func(registry string) error
	lookup         lookupFunc // DNS seam for the policy dialer
	proxy          func(*http.Request) (*url.URL, error)
}

func defaultConfig() *config {
	return &config{
		keyPEM:      dockerMCPKey,
		keychain:    authn.DefaultKeychain,
		lookup:      defaultLookup,
		proxy:       http.ProxyFromEnvironment,
		timeout:     30 * time.Second,
		limits:      DefaultLimits(),
		concurrency: 8,
		breakAfter:  3,
		now:         time.Now,
	}
}

// WithKey sets the PEM public key signatures must verify under. Default: the
// embedded Docker MCP key. Any other key sets Result.CustomKey.
func WithKey(pemBytes []byte) Option {
	return func(c *config) error {
		if _, err := parseKey(pemBytes); err != nil {
			return err
		}
		c.keyPEM = pemBytes
		c.customKey = !equalKeys(pemBytes, dockerMCPKey)
		return nil
	}
}

// CheckKeyPEM reports whether pemBytes is a public key WithKey and
// WithRekorKeys accept, so a caller can name where a bad one came from.
func CheckKeyPEM(pemBytes []byte) error {
	_, err := sigkeys.ParsePEM(pemBytes)
	return err
}

// WithRekorKeys sets the PEM public keys of the transparency logs whose
// signed entry timestamps are accepted. The keys carry no validity window, so
// they are trusted for any integration time. Default: the embedded
// public-good trusted root (see WithTrustedRoot).
func WithRekorKeys(pems ...[]byte) Option {
	return func(c *config) error {
		if len(pems) == 0 {
			return errors.New("setting rekor keys: no keys given")
		}
		logs, err := sigkeys.LogKeysFromPEMs(pems...)
		if err != nil {
			return fmt.Errorf("setting rekor keys: %w", err)
		}
		c.logs = logs
		c.trustID = bytesJoin(pems)
		return nil
	}
}

// WithTrustedRoot sets the Sigstore trusted_root.json whose Rekor logs (with
// their validity windows) are accepted. Default: the embedded public-good
// root.
func WithTrustedRoot(jsonBytes []byte) Option {
	return func(c *config) error {
		logs, err := sigkeys.LogKeysFromTrustedRoot(jsonBytes)
		if err != nil {
			return err
		}
		c.logs = logs
		c.trustID = bytes.Clone(jsonBytes)
		return nil
	}
}

// WithInsecureIgnoreTlog skips the transparency log check; results say so
// with TlogSkipped. Default: the Rekor bundle is required.
func WithInsecureIgnoreTlog() Option {
	return func(c *config) error { c.ignoreTlog = true; return nil }
}

// WithKeychain sets where registry credentials come from. Default:
// authn.DefaultKeychain (the Docker CLI config and its credential helpers).
func WithKeychain(k authn.Keychain) Option {
	return func(c *config) error {
		if k == nil {
			return errors.New("setting keychain: nil keychain")
		}
		c.keychain = k
		return nil
	}
}

// WithTransport sets the HTTP round tripper under the verifier's own
// credential, scheme and policy guards: a seam for fault injection and
// request counting. It dials, so a registry policy is then checked on names
// only, not on resolved addresses. Default: a transport configured like
// http.DefaultTransport with a connection pool sized for verify's
// concurrency, which with WithRegistryPolicy checks every address it dials.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *config) error {
		if rt == nil {
			return errors.New("setting transport: nil round tripper")
		}
		c.transport = rt
		return nil
	}
}

var platformRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$`) })

// WithPlatform checks only the given platform (os/arch[/variant]) of an
// index. Default: every runnable platform.
func WithPlatform(p string) Option {
	return func(c *config) error {
		if !platformRE().MatchString(p) {
			return fmt.Errorf("setting platform %q: want os/arch[/variant]", p)
		}
		c.platform = p
		return nil
	}
}

// WithRequestTimeout bounds each registry request, body included. Default:
// 30 s.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("setting request timeout %v: must be positive", d)
		}
		c.timeout = d
		return nil
	}
}

// WithLimits sets the read limits. Zero fields keep their defaults.
func WithLimits(l Limits) Option {
	return func(c *config) error {
		if l.ManifestBytes < 0 || l.ConfigBytes < 0 || l.PayloadBytes < 0 || l.Signatures < 0 || l.IndexEntries < 0 ||
			l.AttestationLayers < 0 || l.AttestationBytes < 0 {
			return errors.New("setting limits: negative limit")
		}
		d := DefaultLimits()
		c.limits = Limits{
			ManifestBytes: orDefault(l.ManifestBytes, d.ManifestBytes),
			ConfigBytes:   orDefault(l.ConfigBytes, d.ConfigBytes),
			PayloadBytes:  orDefault(l.PayloadBytes, d.PayloadBytes),
			Signatures:    orDefault(l.Signatures, d.Signatures),
			IndexEntries:  orDefault(l.IndexEntries, d.IndexEntries),

			AttestationLayers: orDefault(l.AttestationLayers, d.AttestationLayers),
			AttestationBytes:  orDefault(l.AttestationBytes, d.AttestationBytes),
		}
		return nil
	}
}

// WithConcurrency bounds the parallel requests of one Verify (child
// manifests, configs, signature payloads). Default: 8.
func WithConcurrency(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("setting concurrency %d: must be at least 1", n)
		}
		c.concurrency = n
		return nil
	}
}

// transportFor is the round tripper the verifier sends through.
func (c *config) transportFor() http.RoundTripper {
	switch {
	case c.transport != nil:
		return c.transport
	case c.registryPolicy != nil:
		return newPolicyTransport(c.registryPolicy, c.lookup, c.proxy)
	}
	return newHTTPTransport()
}

func orDefault[T int | int64](v, d T) T {
	if v == 0 {
		return d
	}
	return v
}

// parseKey reads a PEM public key of a type signatures can be checked
// under.
func parseKey(pemBytes []byte) (crypto.PublicKey, error) {
	k, err := sigkeys.ParsePEM(pemBytes)
	if err != nil {
		return nil, err
	}
	return k.Public(), nil
}

// equalKeys compares two PEM keys by their DER, so spacing does not matter.
func equalKeys(a, b []byte) bool {
	ka, errA := sigkeys.ParsePEM(a)
	kb, errB := sigkeys.ParsePEM(b)
	return errA == nil && errB == nil && ka.Equal(kb)
}

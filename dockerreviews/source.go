package dockerreviews

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v89/github"
)

// Defaults.
const (
	DefaultBaseURL = "https://api.github.com/"
	DefaultOwner   = "docker"
	DefaultRepo    = "mcp-registry"
	// DefaultTTL is how long a cached answer is used without asking GitHub.
	DefaultTTL = time.Hour
)

// DefaultApps are the GitHub Apps whose security-review check runs count:
// mcp-registry-bot posts them today (through a private reviewer
// repository), github-actions posted them until November 2025.
var DefaultApps = []string{"mcp-registry-bot", "github-actions"}

// Options configure a Source. The zero value asks api.github.com about
// docker/mcp-registry anonymously, with no cache.
type Options struct {
	// BaseURL is the REST API root (GitHub Enterprise, or a loopback fake).
	BaseURL string
	Owner   string
	Repo    string
	// Token authenticates (GH_TOKEN or GITHUB_TOKEN); empty is anonymous.
	Token string
	// Transport dials GitHub; nil is http.DefaultTransport.
	Transport http.RoundTripper
	// CacheDir keeps answers with their ETags; empty keeps none.
	CacheDir string
	// TTL: a cached answer younger than this is used without a request.
	TTL time.Duration
	// Offline answers from the cache only, whatever its age.
	Offline bool
	// Apps are the app slugs whose check runs count (DefaultApps if nil).
	Apps []string
	// Timeout bounds each request (the caller's context bounds the whole).
	Timeout time.Duration
	Now     func() time.Time
}

// Source finds Docker's security reviews of registry servers.
type Source struct {
	gh          *github.Client
	owner, repo string
	apps        map[string]bool
	authed      bool
	offline     bool
	// limited is the first rate limit met: later lookups fail at once
	// with it instead of spending more requests.
	limited atomic.Pointer[RateLimitError]
}

// New builds a Source.
func New(o Options) (*Source, error) {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	if o.Owner == "" {
		o.Owner, o.Repo = DefaultOwner, DefaultRepo
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TTL == 0 {
		o.TTL = DefaultTTL
	}
	if o.Apps == nil {
		o.Apps = DefaultApps
	}
	ct := &cachingTransport{next: o.Transport, dir: o.CacheDir, ttl: o.TTL, now: o.Now, offline: o.Offline}
	opts := []github.ClientOptionsFunc{
		github.WithURLs(&o.BaseURL, &o.BaseURL), github.WithTransport(ct), github.WithUserAgent("mcptrust"),
	}
	if o.Timeout > 0 {
		opts = append(opts, github.WithTimeout(o.Timeout))
	}
	if o.Token != "" {
		opts = append(opts, github.WithAuthToken(o.Token))
	}
	gh, err := github.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("GitHub client for %s: %w", o.BaseURL, err)
	}
	s := &Source{gh: gh, owner: o.Owner, repo: o.Repo, apps: map[string]bool{}, authed: o.Token != "", offline: o.Offline}
	for _, a := range o.Apps {
		s.apps[a] = true
	}
	return s, nil
}

var (
	serverRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`) }) // the registry has "SQLite"
	shaRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{40}$`) })
)

// classify turns go-github's rate-limit errors, and any 429 or 403 with
// Retry-After, into a *RateLimitError, and remembers the first.
func (s *Source) classify(err error) error {
	e := s.rateLimit(err)
	if e != nil {
		s.limited.CompareAndSwap(nil, e)
		return e
	}
	return err
}

func (s *Source) rateLimit(err error) *RateLimitError {
	var rl *github.RateLimitError
	if errors.As(err, &rl) {
		return &RateLimitError{Reset: rl.Rate.Reset.Time, Authenticated: s.authed}
	}
	var ab *github.AbuseRateLimitError
	if errors.As(err, &ab) {
		e := &RateLimitError{Secondary: true, Authenticated: s.authed}
		if ab.RetryAfter != nil {
			e.RetryAfter = *ab.RetryAfter
		}
		return e
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		h := er.Response.Header.Get("Retry-After")
		if er.Response.StatusCode == http.StatusTooManyRequests || (er.Response.StatusCode == http.StatusForbidden && h != "") {
			secs, _ := strconv.Atoi(h)
			return &RateLimitError{Secondary: true, RetryAfter: time.Duration(secs) * time.Second, Authenticated: s.authed}
		}
	}
	return nil
}

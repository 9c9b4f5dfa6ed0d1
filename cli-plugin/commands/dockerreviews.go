package commands

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"time"

	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// githubAPIEnv points Docker-review lookups at another REST API root
// (GitHub Enterprise); said on stderr whenever it is used.
const githubAPIEnv = "MCPTRUST_GITHUB_API"

// newDockerReviews builds the source of Docker's reviews: token from
// GH_TOKEN or GITHUB_TOKEN (anonymous otherwise), answers cached under
// <config dir>/mcptrust/cache/github.
func (f *Factory) newDockerReviews(offline bool, timeout time.Duration) (*dockerreviews.Source, error) {
	o := dockerreviews.Options{
		CacheDir:  filepath.Join(f.ConfigDir(), "mcptrust", "cache", "github"),
		Offline:   offline,
		Timeout:   timeout,
		Now:       f.Now,
		Transport: f.GitHubTransport,
		Token:     f.Getenv("GH_TOKEN"),
	}
	if o.Token == "" {
		o.Token = f.Getenv("GITHUB_TOKEN")
	}
	if api := f.Getenv(githubAPIEnv); api != "" {
		if err := checkAPIURL(api); err != nil {
			return nil, FlagErrorf("invalid %s=%s: %v", githubAPIEnv, sanitize.Line(api), err)
		}
		fmt.Fprintf(f.IO.ErrOut, "note: Docker reviews are read from %s=%s\n", githubAPIEnv, sanitize.Line(api))
		o.BaseURL = api
	}
	s, err := dockerreviews.New(o)
	if err != nil {
		return nil, FlagErrorf("%v", err)
	}
	return s, nil
}

// checkAPIURL allows https, and http to a loopback IP only (a token must
// not travel in clear text).
func checkAPIURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsLoopback() {
			return nil
		}
	}
	return fmt.Errorf("want an https URL (http only to a loopback address)")
}

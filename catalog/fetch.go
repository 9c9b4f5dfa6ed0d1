package catalog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// Fetcher fetches the body at a URL. The caller closes the body. An error
// that is not already an *InputError or *FetchError is wrapped in a
// *FetchError (network class) by Load.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (io.ReadCloser, error)
}

// FetcherFunc adapts a function to Fetcher.
type FetcherFunc func(ctx context.Context, url string) (io.ReadCloser, error)

// Fetch calls f.
func (f FetcherFunc) Fetch(ctx context.Context, url string) (io.ReadCloser, error) {
	return f(ctx, url)
}

// DefaultFetchTimeout bounds one fetch, body included.
const DefaultFetchTimeout = 30 * time.Second

// DefaultFetcher returns the HTTP fetcher Load uses unless WithFetcher is
// given: GET with a DefaultFetchTimeout timeout; https only, or http to a
// loopback host (127.0.0.0/8, ::1, localhost) so tests can use httptest;
// at most 5 redirects, never to another scheme or a disallowed URL; any
// status but 200 is a *FetchError.
func DefaultFetcher() Fetcher {
	client := &http.Client{
		Timeout: DefaultFetchTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("stopped after 5 redirects")
			}
			if req.URL.Scheme != via[0].URL.Scheme {
				return fmt.Errorf("refusing redirect from %s to %s", via[0].URL.Scheme, req.URL.Scheme)
			}
			return checkFetchURL(req.URL)
		},
	}
	return &httpFetcher{client: client}
}

type httpFetcher struct{ client *http.Client }

// Fetch GETs rawURL under the policy described at DefaultFetcher.
func (h *httpFetcher) Fetch(ctx context.Context, rawURL string) (io.ReadCloser, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &InputError{Path: rawURL, Err: err}
	}
	if err := checkFetchURL(u); err != nil {
		return nil, &InputError{Path: rawURL, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &InputError{Path: rawURL, Err: err}
	}
	req.Header.Set("Accept", "application/yaml, text/yaml, */*")
	req.Header.Set("User-Agent", "mcp-trust")
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, &FetchError{URL: rawURL, Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, &FetchError{URL: rawURL, Status: resp.StatusCode}
	}
	return resp.Body, nil
}

// checkFetchURL allows https, and http only to loopback hosts.
func checkFetchURL(u *url.URL) error {
	switch {
	case u.User != nil:
		return fmt.Errorf("%w: credentials in the URL", ErrUnsupported)
	case u.Scheme == "https" && u.Host != "":
		return nil
	case u.Scheme == "http" && imageref.IsLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%w: only https (or http to a loopback host) is fetched", ErrUnsupported)
}

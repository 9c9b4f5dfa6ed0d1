package commands

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// maxKeyBytes caps a --key file or download: a PEM public key is < 1 KiB.
const maxKeyBytes = 64 << 10

// readKey reads --key from a file or an https URL (http only on loopback,
// for tests). The bytes are parsed and checked by the verifier.
func readKey(ctx context.Context, spec string) ([]byte, error) {
	if !strings.HasPrefix(spec, "https://") && !strings.HasPrefix(spec, "http://") {
		f, err := os.Open(spec)
		if err != nil {
			return nil, FlagErrorf("reading --key: %w", err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxKeyBytes+1))
		if err != nil || len(b) > maxKeyBytes {
			return nil, FlagErrorf("reading --key %s: not a key file (over 64 KiB or unreadable)", spec)
		}
		return b, nil
	}
	return fetchKey(ctx, spec)
}

func fetchKey(ctx context.Context, spec string) ([]byte, error) {
	u, err := url.Parse(spec)
	if err != nil || (u.Scheme == "http" && !imageref.IsLoopback(u.Hostname())) {
		return nil, FlagErrorf("invalid --key URL %q: only https", spec)
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, spec, nil)
	if err != nil {
		return nil, FlagErrorf("invalid --key URL %q: %w", spec, err)
	}
	client := &http.Client{CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if r.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s refused", r.URL.Scheme)
		}
		return nil
	}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, &UndecidedError{Err: fmt.Errorf("fetching --key %s: %w", u.Redacted(), err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &UndecidedError{Err: fmt.Errorf("fetching --key %s: HTTP %d", u.Redacted(), resp.StatusCode)}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxKeyBytes+1))
	if err != nil || len(b) > maxKeyBytes {
		return nil, &UndecidedError{Err: fmt.Errorf("fetching --key %s: body unreadable or over 64 KiB", u.Redacted())}
	}
	return b, nil
}

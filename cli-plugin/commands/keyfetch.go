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
	"github.com/mcp-trust/mcp-trust/verify"
)

// maxKeyBytes caps a --key file or download: a PEM public key is < 1 KiB.
const maxKeyBytes = 64 << 10

// readKeyPEM reads the key a flag names and checks that it is a PEM public
// key the verifier accepts; an error names the flag and the file or URL.
func readKeyPEM(ctx context.Context, flag, spec string) ([]byte, error) {
	pem, err := readKey(ctx, flag, spec)
	if err != nil {
		return nil, err
	}
	if err := verify.CheckKeyPEM(pem); err != nil {
		return nil, FlagErrorf("%s %s: %w", flag, redactURL(spec), err)
	}
	return pem, nil
}

// readKey reads the key a flag (--key, --rekor-key) names, from a file or
// an https URL (http only on loopback, for tests).
func readKey(ctx context.Context, flag, spec string) ([]byte, error) {
	if !strings.HasPrefix(spec, "https://") && !strings.HasPrefix(spec, "http://") {
		f, err := os.Open(spec)
		if err != nil {
			return nil, FlagErrorf("reading %s: %w", flag, err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxKeyBytes+1))
		if err != nil || len(b) > maxKeyBytes {
			return nil, FlagErrorf("reading %s %s: not a key file (over 64 KiB or unreadable)", flag, spec)
		}
		return b, nil
	}
	return fetchKey(ctx, flag, spec)
}

func fetchKey(ctx context.Context, flag, spec string) ([]byte, error) {
	u, err := url.Parse(spec)
	if err != nil || (u.Scheme == "http" && !imageref.IsLoopback(u.Hostname())) {
		return nil, FlagErrorf("invalid %s URL %q: only https", flag, spec)
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, spec, nil)
	if err != nil {
		return nil, FlagErrorf("invalid %s URL %q: %w", flag, spec, err)
	}
	client := &http.Client{CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if r.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s refused", r.URL.Scheme)
		}
		return nil
	}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, &UndecidedError{Err: fmt.Errorf("fetching %s %s: %w", flag, u.Redacted(), err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &UndecidedError{Err: fmt.Errorf("fetching %s %s: HTTP %d", flag, u.Redacted(), resp.StatusCode)}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxKeyBytes+1))
	if err != nil || len(b) > maxKeyBytes {
		return nil, &UndecidedError{Err: fmt.Errorf("fetching %s %s: body unreadable or over 64 KiB", flag, u.Redacted())}
	}
	return b, nil
}

// redactURL hides a URL's user information; a file path is returned as is.
func redactURL(spec string) string {
	if u, err := url.Parse(spec); err == nil && u.Scheme != "" && u.Host != "" {
		return u.Redacted()
	}
	return spec
}

package dockerreviews

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
)

func TestCacheAndConditionalRequests(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.Add("alpha", bump("success", "security-risk:low"))
	dir := t.TempDir()
	now := t0
	clock := func() time.Time { return now }
	first, err := look(t, newSource(t, f, Options{CacheDir: dir, Now: clock}), "alpha", pin)
	if err != nil {
		t.Fatal(err)
	}
	cold := f.Requests.Load()
	if cold == 0 || !first.FetchedAt.Equal(t0) {
		t.Fatalf("cold lookup made %d requests, fetched at %v", cold, first.FetchedAt)
	}

	now = t0.Add(time.Minute) // fresh: no request at all
	if _, err := look(t, newSource(t, f, Options{CacheDir: dir, Now: clock}), "alpha", pin); err != nil || f.Requests.Load() != cold {
		t.Fatalf("warm lookup: %v, %d requests after %d", err, f.Requests.Load(), cold)
	}

	now = t0.Add(2 * DefaultTTL) // stale: every request is conditional and answered 304
	res, err := look(t, newSource(t, f, Options{CacheDir: dir, Now: clock}), "alpha", pin)
	if err != nil || len(res.Reviews) != 1 {
		t.Fatalf("revalidated lookup = %+v, %v", res, err)
	}
	if got := f.NotModified.Load(); got != cold || f.Requests.Load() != 2*cold {
		t.Errorf("revalidation: %d of %d requests were 304, want all %d", got, f.Requests.Load()-cold, cold)
	}

	f.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		t.Errorf("offline lookup asked %s", r.URL)
		return false
	}
	now = t0.Add(100 * DefaultTTL)
	res, err = look(t, newSource(t, f, Options{CacheDir: dir, Now: clock, Offline: true}), "alpha", pin)
	if err != nil || !res.Offline || !res.FetchedAt.Equal(t0.Add(2*DefaultTTL)) || len(res.Reviews) != 1 {
		t.Fatalf("offline lookup = %+v, %v", res, err)
	}
	if _, err := look(t, newSource(t, f, Options{CacheDir: t.TempDir(), Offline: true}), "alpha", pin); !errors.Is(err, ErrNotCached) {
		t.Errorf("offline with an empty cache: %v, want ErrNotCached", err)
	}
}

func TestCorruptCacheIsRefetched(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.Add("alpha", bump("success", "security-risk:low"))
	dir := t.TempDir()
	if _, err := look(t, newSource(t, f, Options{CacheDir: dir}), "alpha", pin); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepathGlob(dir)
	for _, m := range matches {
		corrupt(t, m)
	}
	before := f.Requests.Load()
	if _, err := look(t, newSource(t, f, Options{CacheDir: dir}), "alpha", pin); err != nil || f.Requests.Load() == before {
		t.Errorf("corrupt cache: %v, %d new requests (want a refetch)", err, f.Requests.Load()-before)
	}
}

func TestErrorsFromGitHub(t *testing.T) {
	reset := fmt.Sprint(t0.Add(time.Hour).Unix())
	tests := []struct {
		name      string
		answer    func(w http.ResponseWriter)
		rateLimit bool
		answerErr bool
		contains  string
	}{
		{"primary 403", func(w http.ResponseWriter) {
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", reset)
			w.WriteHeader(403)
			fmt.Fprint(w, `{"message":"API rate limit exceeded"}`)
		}, true, false, "rate limit reached, resets at"},
		{"primary 429", func(w http.ResponseWriter) {
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", reset)
			w.WriteHeader(429)
		}, true, false, "anonymous"},
		{"secondary with Retry-After", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(403)
			fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`)
		}, true, false, "retry after 2m0s"},
		{"bare 429 Retry-After", func(w http.ResponseWriter) { w.Header().Set("Retry-After", "7"); w.WriteHeader(429) }, true, false, "retry after 7s"},
		{"404", func(w http.ResponseWriter) { w.WriteHeader(404); fmt.Fprint(w, `{"message":"Not Found"}`) }, false, false, "404"},
		{"502", func(w http.ResponseWriter) { w.WriteHeader(502); fmt.Fprint(w, `<html>bad gateway</html>`) }, false, false, "502"},
		{"not JSON", func(w http.ResponseWriter) { fmt.Fprint(w, `[{"sha": "`) }, false, true, "bad GitHub answer"},
		{"wrong shape", func(w http.ResponseWriter) { fmt.Fprint(w, `{"sha": 5}`) }, false, true, "bad GitHub answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ghfake.New()
			defer f.Close()
			f.Add("alpha", bump("success", "security-risk:low"))
			f.Intercept = func(w http.ResponseWriter, r *http.Request) bool { tt.answer(w); return true }
			res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
			var rl *RateLimitError
			var ae *AnswerError
			if err == nil || errors.As(err, &rl) != tt.rateLimit || errors.As(err, &ae) != tt.answerErr || !strings.Contains(err.Error(), tt.contains) {
				t.Fatalf("lookup = %+v, %v; want rate limit %v, bad answer %v, containing %q", res, err, tt.rateLimit, tt.answerErr, tt.contains)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestHarnessNeverLeavesLoopback(t *testing.T) {
	s, err := New(Options{Transport: ghfake.LoopbackTransport(), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = look(t, s, "alpha", pin)
	if err == nil || !strings.Contains(err.Error(), "refusing to dial api.github.com:443") {
		t.Fatalf("default base URL through the loopback transport: %v", err)
	}
}

func TestLookupAllStopsAtRateLimit(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	var targets []Target
	for i := range 40 {
		name := fmt.Sprintf("s%02d", i)
		p := ghfake.Sha(name)
		f.Add(name, ghfake.PinBump(name, oldPin, p, i+1, ghfake.PinRun(int64(i+1), name, "claude", oldPin, p, "success", "security-risk:low")))
		targets = append(targets, Target{Server: name, Pin: p})
	}
	s := newSource(t, f, Options{})
	out := s.LookupAll(t.Context(), targets, 4, nil)
	for _, o := range out {
		if o.Err != nil || len(o.Result.Reviews) != 1 || o.Result.Server != o.Server {
			t.Fatalf("%s: %+v, %v", o.Server, o.Result, o.Err)
		}
	}
	f.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(429)
		return true
	}
	before := f.Requests.Load()
	out = newSource(t, f, Options{}).LookupAll(t.Context(), targets, 4, nil)
	var rl *RateLimitError
	for _, o := range out {
		if !errors.As(o.Err, &rl) {
			t.Fatalf("%s after a rate limit: %v", o.Server, o.Err)
		}
	}
	if n := f.Requests.Load() - before; n > 4 {
		t.Errorf("%d requests after the first rate limit answer, want at most one per worker", n)
	}
}

func TestRateLimitIsRemembered(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.Add("alpha", bump("success", "security-risk:low"))
	f.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(429)
		return true
	}
	s := newSource(t, f, Options{})
	if _, err := look(t, s, "alpha", pin); err == nil {
		t.Fatal("no rate limit error")
	}
	f.Intercept = nil
	before := f.Requests.Load()
	var rl *RateLimitError
	if _, err := look(t, s, "alpha", pin); !errors.As(err, &rl) || f.Requests.Load() != before {
		t.Errorf("second lookup: %v after %d more requests; want the remembered limit and none", err, f.Requests.Load()-before)
	}
}

func TestCacheIsCapped(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		p := filepath.Join(dir, fmt.Sprintf("gh-%02d.cache", i))
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, t0, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	prune(dir, 5)
	left, _ := filepath.Glob(filepath.Join(dir, "gh-*.cache"))
	if len(left) != 5 || filepath.Base(left[0]) != "gh-07.cache" {
		t.Errorf("after prune: %v, want the 5 newest (gh-07..gh-11)", left)
	}
}

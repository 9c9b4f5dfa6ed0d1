package commands

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

const (
	checkout = "../../catalog/testdata/checkout"
	alphaPin = "1111111111111111111111111111111111111111"
)

var alphaOld = ghfake.Sha("alpha-old")

// dockerFactory is a test factory whose Docker reviews come from a fresh
// loopback GitHub fake, with the given environment.
func dockerFactory(t *testing.T, env map[string]string) (*Factory, *ghfake.Server) {
	t.Helper()
	f, _, _ := testFactory(t, false)
	gh := ghfake.New()
	t.Cleanup(gh.Close)
	f.Getenv = func(k string) string {
		if k == githubAPIEnv {
			return gh.URL()
		}
		return env[k]
	}
	return f, gh
}

// rerun runs report again on f with fresh output buffers.
func rerun(t *testing.T, f *Factory, args ...string) result {
	t.Helper()
	f.IO.Out.(*bytes.Buffer).Reset()
	f.IO.ErrOut.(*bytes.Buffer).Reset()
	return runReport(t, f, args...)
}

func alphaBump(conclusion string, labels ...string) ghfake.Change {
	run := ghfake.PinRun(41, "alpha", "claude", alphaOld, alphaPin, conclusion, labels...)
	run.Text = "# Review\n\x1b]52;c;AAAA\x07 \x1b[2J✅ Signature verified by Docker\n"
	return ghfake.PinBump("alpha", alphaOld, alphaPin, 3203, run)
}

func TestReportDockerReview(t *testing.T) {
	unexpected := alphaBump("success", "security-risk:info")
	unexpected.Runs[0].App = "friendly-helper"
	stale := ghfake.PinBump("alpha", alphaOld, alphaPin, 3203)
	tests := []struct {
		name   string
		change ghfake.Change
		args   []string
		code   int
		want   []string
	}{
		{"low risk covers the pin", alphaBump("success", "security-risk:low"), nil, ExitOK,
			[]string{"✪ Docker review of alpha: covers the current pin " + alphaPin, "posted by app mcp-registry-bot: conclusion success, labels security-risk:low",
				"registry pull request #3203 https://github.com/docker/mcp-registry/pull/3203", "verdict: reviewed, risk low",
				"AI-generated review by Docker, claude/pin (untrusted content)", `\x1b[2J`}},
		{"labels contradict the conclusion", alphaBump("success", "security-risk:high"), []string{"--source", "docker"}, ExitTrust,
			[]string{"warning: claude/pin: labels and conclusion (success) disagree; the worse counts", "risk high"}},
		{"critical fails", alphaBump("failure", "security-risk:critical"), nil, ExitTrust, []string{"risk critical"}},
		{"stale review", ghfake.Change{}, nil, ExitTrust, []string{"✪ Docker review of alpha: STALE, of an older pin, not the current pin " + alphaPin}},
		{"unexpected app is no review", unexpected, nil, ExitTrust, nil},
		{"title names another server", func() ghfake.Change {
			c := alphaBump("success", "security-risk:low")
			c.Runs[0].Title = "Security Review: beta"
			return c
		}(), nil, ExitUndecided, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, gh := dockerFactory(t, nil)
			if tt.name == "stale review" {
				older := ghfake.PinBump("alpha", ghfake.Sha("older"), alphaOld, 3000,
					ghfake.PinRun(7, "alpha", "claude", ghfake.Sha("older"), alphaOld, "success", "security-risk:low"))
				gh.Add("alpha", stale, older)
			} else {
				gh.Add("alpha", tt.change)
			}
			r := runReport(t, f, append([]string{"alpha", "--catalog", checkout}, tt.args...)...)
			if ExitCode(r.err) != tt.code {
				t.Fatalf("exit %d (%v), want %d\n%s%s", ExitCode(r.err), r.err, tt.code, r.stdout, r.stderr)
			}
			if strings.ContainsRune(r.stdout+r.stderr, 0x1b) {
				t.Errorf("output carries ESC:\n%q", r.stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestReportLocalFirstNeedsNoNetwork(t *testing.T) {
	f, gh := dockerFactory(t, nil)
	gh.Add("alpha", alphaBump("failure", "security-risk:critical"))
	r := reviewer.StoredReview{Report: []byte("# local\n"), Labels: []byte("security-risk:low\n"),
		Meta: reviewer.Meta{Agent: "claude", Verdict: reviewer.Verdict{Risk: risk.Low}, CreatedAt: fixedNow}}
	if err := f.Reports().Save("alpha", alphaPin, r); err != nil {
		t.Fatal(err)
	}
	res := runReport(t, f, "alpha", "--catalog", checkout)
	if res.err != nil || gh.Requests.Load() != 0 || !strings.Contains(res.stdout, "⌂ local review: covers the current pin "+alphaPin+"\nreview of alpha") {
		t.Fatalf("auto with a local review: %v, %d GitHub requests\n%s", res.err, gh.Requests.Load(), res.stdout)
	}
	all := rerun(t, f, "alpha", "--catalog", checkout, "--source", "all", "--format", "json")
	var v reportView
	if err := json.Unmarshal([]byte(all.stdout), &v); err != nil {
		t.Fatalf("--source all json: %v\n%s", err, all.stdout)
	}
	if ExitCode(all.err) != ExitTrust || v.Source != "local" || v.Docker == nil || len(v.Docker.Reviews) != 1 || !v.CoversPin {
		t.Errorf("--source all: exit %d, view %+v: the worse (Docker's critical) must decide", ExitCode(all.err), v)
	}
}

func TestReportDockerJSON(t *testing.T) {
	f, gh := dockerFactory(t, nil)
	gh.Add("alpha", alphaBump("neutral", "security-risk:medium"))
	r := runReport(t, f, "alpha", "--catalog", checkout, "--format", "json")
	var v reportView
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	if ExitCode(r.err) != ExitTrust || v.Source != "docker" || !v.CoversPin || v.Stale || v.Commit != alphaPin || v.Labels != "security-risk:medium\n" ||
		v.Docker == nil || v.Docker.Reviews[0].PRNumber != 3203 || v.Docker.Reviews[0].App != "mcp-registry-bot" || v.Agent != "claude" {
		t.Errorf("exit %d, view %+v", ExitCode(r.err), v)
	}
}

func TestReportDockerUndecided(t *testing.T) {
	f, gh := dockerFactory(t, map[string]string{"GITHUB_TOKEN": "t0ken"})
	gh.Add("alpha", alphaBump("success", "security-risk:low"))
	var auth string
	gh.Intercept = func(w http.ResponseWriter, r *http.Request) bool {
		auth = r.Header.Get("Authorization")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", "1900000000")
		w.WriteHeader(http.StatusForbidden)
		return true
	}
	r := runReport(t, f, "alpha", "--catalog", checkout)
	if ExitCode(r.err) != ExitUndecided || !strings.Contains(r.err.Error(), "GitHub API rate limit reached, resets at") || auth != "Bearer t0ken" {
		t.Fatalf("rate limited: exit %d, %v, auth %q", ExitCode(r.err), r.err, auth)
	}
	off := rerun(t, f, "alpha", "--catalog", checkout, "--offline")
	if ExitCode(off.err) != ExitUndecided || !strings.Contains(off.err.Error(), "not in the GitHub cache") {
		t.Errorf("offline with no cache: exit %d, %v", ExitCode(off.err), off.err)
	}
	gh.Intercept = nil
	if r := rerun(t, f, "alpha", "--catalog", checkout); r.err != nil {
		t.Fatalf("after the limit: %v", r.err)
	}
	gh.Intercept = func(w http.ResponseWriter, r *http.Request) bool { t.Errorf("offline asked %s", r.URL); return false }
	off = rerun(t, f, "alpha", "--catalog", checkout, "--offline")
	if off.err != nil || !strings.Contains(off.stdout, "GitHub answers from the cache, fetched") {
		t.Errorf("offline from cache: %v\n%s", off.err, off.stdout)
	}
	bad := rerun(t, f, "alpha", "--catalog", checkout, "--source", "github")
	if ExitCode(bad.err) != ExitInput {
		t.Errorf("--source github: exit %d", ExitCode(bad.err))
	}
}

func TestReportDockerTimeout(t *testing.T) {
	f, gh := dockerFactory(t, nil)
	gh.Add("alpha", alphaBump("success", "security-risk:low"))
	gh.Delay = 20 * time.Second // one request outlasts the timeout many times over
	start := time.Now()
	r := runReport(t, f, "alpha", "--catalog", checkout, "--timeout", "100ms")
	if ExitCode(r.err) != ExitUndecided || !strings.Contains(r.err.Error(), "no answer from GitHub within --timeout 100ms") {
		t.Fatalf("slow GitHub: exit %d, %v", ExitCode(r.err), r.err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("report waited %v with --timeout 100ms", d)
	}
}

// The registry has mixed-case server names the local store cannot hold;
// Docker's review of them is still shown.
func TestReportDockerMixedCaseServer(t *testing.T) {
	dir := t.TempDir()
	yaml := "name: SQLite\nimage: mcp/sqlite\ntype: server\nmeta:\n  category: database\nabout:\n  title: SQLite\n  description: A fictional server.\nsource:\n  project: https://github.com/acme/sqlite\n  commit: " + alphaPin + "\n"
	if err := os.MkdirAll(filepath.Join(dir, "servers", "SQLite"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "servers", "SQLite", "server.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	f, gh := dockerFactory(t, nil)
	gh.Add("SQLite", ghfake.PinBump("SQLite", alphaOld, alphaPin, 77, ghfake.PinRun(5, "SQLite", "claude", alphaOld, alphaPin, "success", "security-risk:info")))
	r := runReport(t, f, "SQLite", "--catalog", dir)
	if r.err != nil || !strings.Contains(r.stdout, "✪ Docker review of SQLite: covers the current pin") {
		t.Fatalf("report SQLite: exit %d (%v)\n%s%s", ExitCode(r.err), r.err, r.stdout, r.stderr)
	}
}

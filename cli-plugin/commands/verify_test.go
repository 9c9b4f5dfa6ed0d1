package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"

	"github.com/charmbracelet/x/exp/golden"
)

const (
	pinA = "1111111111111111111111111111111111111111"
	pinB = "2222222222222222222222222222222222222222"
)

// signedWorld is a loopback registry with Docker-style signed mcp/* images,
// a catalog YAML naming them, and the key files to verify with.
type signedWorld struct {
	reg                 *verifytest.Registry
	catalog, key, rekor string
	sc                  *verifytest.Scenarios
}

// newSignedWorld seeds: good (signed, label = pin), relabelled (signed, but
// its label names another commit than the catalog pins), unsigned.
func newSignedWorld(t *testing.T) *signedWorld {
	t.Helper()
	reg := verifytest.NewRegistry()
	t.Cleanup(reg.Close)
	sc, err := reg.SeedScenarios(pinA, pinB)
	if err != nil {
		t.Fatal(err)
	}
	key, rekor := sc.Key, sc.Rekor
	dir := t.TempDir()
	w := &signedWorld{reg: reg, catalog: filepath.Join(dir, "catalog.yaml"), key: filepath.Join(dir, "key.pub"), rekor: filepath.Join(dir, "rekor.pub"), sc: sc}
	var b strings.Builder
	b.WriteString("name: test\ndisplayName: Test\nregistry:\n")
	for _, n := range []string{"good", "relabelled", "unsigned"} {
		fmt.Fprintf(&b, "  %s:\n    type: server\n    title: %s\n    image: %s/mcp/%s\n    source: https://github.com/example/%s/tree/%s\n", n, n, reg.Host, n, n, pinA)
	}
	for path, data := range map[string][]byte{w.catalog: []byte(b.String()), w.key: key.PublicPEM(), w.rekor: rekor.PublicPEM()} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *signedWorld) args(extra ...string) []string {
	return append([]string{"verify", "--catalog", w.catalog, "--key", w.key, "--rekor-key", w.rekor}, extra...)
}

func TestVerifyCommandVerdicts(t *testing.T) {
	w := newSignedWorld(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		output []string
	}{
		{"good", []string{"good"}, ExitOK, []string{"✔ pass  signature", "verdict: VERIFIED", "run: " + w.reg.Host + "/mcp/good@sha256:"}},
		{"label names another commit", []string{"relabelled"}, ExitTrust, []string{"✘ FAIL  revision-label", "verdict: FAILED", "not verified: do not run"}},
		{"unsigned", []string{"unsigned"}, ExitTrust, []string{"✘ FAIL  signature", "no signatures"}},
		{"image named directly uses the catalog pin", []string{w.reg.Host + "/mcp/good:latest"}, ExitOK, []string{"verdict: VERIFIED"}},
		{"any failure fails the run", []string{"good", "unsigned"}, ExitTrust, []string{"verdict: VERIFIED", "verdict: FAILED"}},
		{"provenance skip is news", []string{"good"}, ExitOK, []string{"- skip  provenance      no attestation", "verdict: VERIFIED"}},
		{"--require-provenance fails a skip", []string{"--require-provenance", "good"}, ExitTrust, []string{"✘ FAIL  provenance      provenance required (--require-provenance)", "verdict: FAILED"}},
		{"unknown server", []string{"nope"}, ExitInput, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, false, w.args(tt.args...)...)
			if got := ExitCode(r.err); got != tt.code {
				t.Fatalf("verify %v: exit %d (%v), want %d\n%s", tt.args, got, r.err, tt.code, r.stdout)
			}
			for _, want := range tt.output {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("verify %v output lacks %q:\n%s", tt.args, want, r.stdout)
				}
			}
		})
	}
}

func TestVerifyCommandWrongKeyFails(t *testing.T) {
	w := newSignedWorld(t)
	other, err := verifytest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	otherPath := filepath.Join(t.TempDir(), "other.pub")
	if err := os.WriteFile(otherPath, other.PublicPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCommand(t, false, "verify", "--catalog", w.catalog, "--key", otherPath, "--rekor-key", w.rekor, "good")
	if ExitCode(r.err) != ExitTrust || !strings.Contains(r.stdout, "custom key") {
		t.Errorf("verify with another key: exit %d, output:\n%s", ExitCode(r.err), r.stdout)
	}
}

func TestVerifyCommandAllJSONGolden(t *testing.T) {
	w := newSignedWorld(t)
	r := runCommand(t, false, w.args("--all", "--format", "json")...)
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("verify --all: exit %d (%v), want %d", ExitCode(r.err), r.err, ExitTrust)
	}
	var v verifyView
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatal(err)
	}
	if v.Summary["verified"] != 1 || v.Summary["failed"] != 2 || len(v.Results) != 3 {
		t.Errorf("verify --all summary = %v (%d results), want 1 verified, 2 failed", v.Summary, len(v.Results))
	}
	norm := regexp.MustCompile(`sha256[:-][0-9a-f]{64}`).ReplaceAllString(r.stdout, "sha256:<digest>")
	norm = strings.ReplaceAll(norm, w.reg.Host, "<registry>")
	golden.RequireEqual(t, []byte(norm))
}

func TestVerifyCommandShards(t *testing.T) {
	w := newSignedWorld(t)
	seen := map[string]int{}
	for _, shard := range []string{"1/2", "2/2"} {
		r := runCommand(t, false, w.args("--all", "--shard", shard, "--format", "{{.Target.Name}}")...)
		for _, n := range strings.Fields(r.stdout) {
			seen[n]++
		}
	}
	if len(seen) != 3 || seen["good"] != 1 || seen["relabelled"] != 1 || seen["unsigned"] != 1 {
		t.Errorf("shards 1/2 + 2/2 covered %v, want each of 3 servers once", seen)
	}
}

func TestVerifyCommandRegistryDown(t *testing.T) {
	w := newSignedWorld(t)
	w.reg.Close()
	r := runCommand(t, false, w.args("good")...)
	if ExitCode(r.err) != ExitUndecided || !strings.Contains(r.stdout, "COULD NOT DECIDE") {
		t.Errorf("verify with the registry down: exit %d, want %d (never 0):\n%s", ExitCode(r.err), ExitUndecided, r.stdout)
	}
}

func TestNewCmdVerifyFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr bool
		check   func(*VerifyOptions) bool
	}{
		{"server", []string{"github"}, false, func(o *VerifyOptions) bool { return len(o.Args) == 1 && !o.All }},
		{"all with shard", []string{"--all", "--shard", "2/4"}, false, func(o *VerifyOptions) bool { return o.All && o.Shard == Shard{2, 4} }},
		{"trust flags", []string{"x", "--key", "k.pub", "--insecure-ignore-tlog", "--platform", "linux/arm64", "--signature-repo", "r/s"}, false,
			func(o *VerifyOptions) bool {
				return o.Trust == TrustFlags{Key: "k.pub", IgnoreTlog: true, Platform: "linux/arm64", SignatureRepo: "r/s"}
			}},
		{"nothing to verify", []string{}, true, nil},
		{"all and args", []string{"--all", "x"}, true, nil},
		{"shard without all", []string{"x", "--shard", "1/2"}, true, nil},
		{"bad shard", []string{"--all", "--shard", "3/2"}, true, nil},
		{"bad concurrency", []string{"x", "--concurrency", "0"}, true, nil},
		{"bad platform", []string{"x", "--platform", "linux"}, true, nil},
		{"http key", []string{"x", "--key", "http://example.invalid/k.pub"}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			var got *VerifyOptions
			cmd := NewCmdVerify(f, func(o *VerifyOptions) error { got = o; return nil })
			cmd.Flags().String("format", "table", "")
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr {
				if ExitCode(err) != ExitInput {
					t.Fatalf("verify %v: err = %v, want a usage error", tt.args, err)
				}
				return
			}
			if err != nil || !tt.check(got) {
				t.Errorf("verify %v = %+v, %v", tt.args, got, err)
			}
		})
	}
}

// --all on a terminal draws a progress bar on stderr and clears it; piped,
// stderr stays free of it.
func TestVerifyAllProgress(t *testing.T) {
	w := newSignedWorld(t)
	for _, tty := range []bool{true, false} {
		f, out, errOut := testFactory(t, false)
		f.IO.SetStderrTTY(tty)
		root := NewRootCmd(f, false)
		root.SetArgs(w.args("--all"))
		_ = root.Execute()
		got := strings.Contains(errOut.String(), "verifying [") && strings.Contains(errOut.String(), "3/3")
		if got != tty {
			t.Errorf("stderr TTY %v: progress drawn = %v, stderr %q", tty, got, errOut.String())
		}
		if strings.Contains(out.String(), "verifying [") {
			t.Errorf("progress leaked onto stdout")
		}
	}
}

// A catalog fetched from the network may not point the verifier at this
// machine (THREATS A12): the same loopback images verify from a catalog
// file but are refused, without a request, from a catalog URL.
func TestVerifyNetworkCatalogCannotNameLoopback(t *testing.T) {
	w := newSignedWorld(t)
	body, err := os.ReadFile(w.catalog)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) { rw.Write(body) }))
	t.Cleanup(srv.Close)
	w.reg.Log().Reset()
	r := runCommand(t, false, "verify", "--catalog", srv.URL+"/catalog.yaml", "--key", w.key, "--rekor-key", w.rekor, "good")
	if ExitCode(r.err) != ExitTrust || !strings.Contains(r.stdout, "registry not allowed") {
		t.Errorf("verify from a URL catalog naming a loopback registry: exit %d\n%s", ExitCode(r.err), r.stdout)
	}
	if n := len(w.reg.Log().Requests()); n != 0 {
		t.Errorf("the loopback registry received %d requests", n)
	}
	r = runCommand(t, false, w.args("good")...)
	if r.err != nil {
		t.Errorf("verify from a catalog file: %v\n%s", r.err, r.stdout)
	}
}

// TestVerifyCommandCache: a second run in the same Docker config dir takes
// the verdict from the cache and says so; --no-cache verifies in full; a
// failure is never cached.
func TestVerifyCommandCache(t *testing.T) {
	w := newSignedWorld(t)
	f, out, _ := testFactory(t, false)
	runIn := func(args ...string) (string, error) {
		out.Reset()
		root := NewRootCmd(f, false)
		root.SetArgs(w.args(args...))
		_, err := root.ExecuteContextC(context.Background())
		return out.String(), err
	}
	const note = "note: verdict from the cache"
	for i, tt := range []struct {
		args   []string
		cached bool
		code   int
	}{
		{[]string{"good"}, false, ExitOK},
		{[]string{"good"}, true, ExitOK},
		{[]string{"--no-cache", "good"}, false, ExitOK},
		{[]string{"unsigned"}, false, ExitTrust},
		{[]string{"unsigned"}, false, ExitTrust},
	} {
		got, err := runIn(tt.args...)
		if ExitCode(err) != tt.code || strings.Contains(got, note) != tt.cached {
			t.Errorf("run %d verify %v: exit %d, cached note %v, want exit %d, cached %v\n%s", i+1, tt.args, ExitCode(err), strings.Contains(got, note), tt.code, tt.cached, got)
		}
	}
	if _, err := os.Stat(filepath.Join(f.ConfigDir(), "mcptrust", "verdicts")); err != nil {
		t.Errorf("no verdict cache under the Docker config dir: %v", err)
	}
}

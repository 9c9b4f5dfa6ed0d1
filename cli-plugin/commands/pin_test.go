package commands

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// pinFixture is a registry checkout whose projects are local repositories:
// repos maps each https://github.com/... project to one, and any other
// project maps to a path that does not exist. Nothing reaches the network.
type pinFixture struct {
	t        *testing.T
	registry string
	repos    map[string]string
}

func newPinFixture(t *testing.T) *pinFixture {
	t.Helper()
	fx := &pinFixture{t: t, registry: t.TempDir(), repos: map[string]string{}}
	return fx
}

// upstream makes a repository for project with one commit per file set on
// main (its HEAD) and returns the commits.
func (fx *pinFixture) upstream(project string, commits ...map[string]string) []string {
	fx.t.Helper()
	dir, shas := gitRepo(fx.t, commits...)
	fx.repos[project] = dir
	return shas
}

// server writes servers/<name>/server.yaml; extra lines go under source.
func (fx *pinFixture) server(name, project, commitLine string, extra ...string) string {
	fx.t.Helper()
	body := "# " + name + ": an entry of the test registry\nname: " + name + "\nimage: mcp/" + name +
		"\ntype: server\nabout:\n  title: T\n  description: 'commit: not this one'\nsource:\n  project: " + project +
		"\n" + commitLine + "\n" + strings.Join(extra, "") + "  directory: .\nrun:\n  allowHosts:\n    - api.example.com:443\n"
	path := filepath.Join(fx.registry, "servers", name, "server.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fx.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		fx.t.Fatal(err)
	}
	return path
}

// lsSpy records the repositories git was asked about.
type lsSpy struct {
	mu    sync.Mutex
	repos []string
}

func (s *lsSpy) asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.repos...)
}

// run runs `pin ARGS --registry <fixture>` with the fixture's repositories
// and a spy on LsRemote.
func (fx *pinFixture) run(isTTY bool, args ...string) (result, *lsSpy, *Factory) {
	fx.t.Helper()
	f, out, errOut := testFactory(fx.t, isTTY)
	missing := filepath.Join(fx.t.TempDir(), "does-not-exist")
	spy := &lsSpy{}
	cmd := NewCmdPin(f, func(o *PinOptions) error {
		o.RepoFor = func(project string) string {
			if dir, ok := fx.repos[project]; ok {
				return dir
			}
			return missing
		}
		real := o.LsRemote
		o.LsRemote = func(ctx context.Context, repo, branch string, opts ...reviewer.FetchOption) (string, error) {
			spy.mu.Lock()
			spy.repos = append(spy.repos, repo)
			spy.mu.Unlock()
			return real(ctx, repo, branch, opts...)
		}
		return pinRun(context.Background(), o)
	})
	cmd.PersistentFlags().String("format", "table", "")
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(append(args, "--registry", fx.registry))
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	_, err := cmd.ExecuteC()
	return result{out.String(), errOut.String(), err}, spy, f
}

func readT(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func pinJSON(t *testing.T, stdout string) []pinResult {
	t.Helper()
	var v struct {
		Results []pinResult `json:"results"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("pin --format json: %v\n%s", err, stdout)
	}
	return v.Results
}

func TestPinFlags(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		code  int
		check func(*PinOptions) bool
	}{
		{"check defaults", []string{"check", "adder"}, ExitOK, func(o *PinOptions) bool {
			return !o.Update && o.Registry == "." && o.Concurrency == 8 && !o.WithReview && o.Servers[0] == "adder"
		}},
		{"update defaults", []string{"update", "--all"}, ExitOK, func(o *PinOptions) bool {
			return o.Update && o.All && o.Agent == reviewer.AgentPrescan && o.Timeout == reviewer.DefaultTimeout
		}},
		{"update with review", []string{"update", "a", "--review", "--agent", "codex", "--registry", "r"}, ExitOK,
			func(o *PinOptions) bool { return o.WithReview && o.Agent == reviewer.AgentCodex && o.Registry == "r" }},
		{"no server", []string{"check"}, ExitInput, nil},
		{"servers and all", []string{"check", "a", "--all"}, ExitInput, nil},
		{"zero concurrency", []string{"check", "a", "--concurrency", "0"}, ExitInput, nil},
		{"agent without review", []string{"update", "a", "--agent", "claude"}, ExitInput, nil},
		{"unknown agent", []string{"update", "a", "--review", "--agent", "gemini"}, ExitInput, nil},
		{"review on check", []string{"check", "a", "--review"}, ExitInput, nil},
		{"no subcommand argument", []string{"bump"}, ExitInput, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			var got *PinOptions
			cmd := NewCmdPin(f, func(o *PinOptions) error { got = o; return nil })
			cmd.PersistentFlags().String("format", "table", "")
			cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if code := ExitCode(err); code != tt.code {
				t.Fatalf("pin %v = exit %d (%v), want %d", tt.args, code, err, tt.code)
			}
			if tt.check != nil && (got == nil || !tt.check(got)) {
				t.Errorf("pin %v: options = %+v", tt.args, got)
			}
		})
	}
}

const (
	adderURL  = "https://github.com/example/adder"
	stableURL = "https://github.com/example/stable"
	goneURL   = "https://github.com/example/gone"
)

// checkFixture has one server per case; adder's upstream is two commits.
func checkFixture(t *testing.T) (*pinFixture, []string) {
	fx := newPinFixture(t)
	shas := fx.upstream(adderURL, map[string]string{"index.js": mailBefore}, map[string]string{"index.js": mailAfter})
	st := fx.upstream(stableURL, map[string]string{"a.txt": "1"}, map[string]string{"a.txt": "2"})
	gitIn(t, fx.repos[stableURL], "branch", "stable", st[0])
	fx.server("current", adderURL, "  commit: "+shas[1])
	fx.server("behind", adderURL, "  commit: '"+shas[0]+"' # quoted")
	fx.server("on-branch", stableURL, "  commit: "+st[0], "  branch: stable\n")
	fx.server("on-main", stableURL, "  commit: "+st[0])
	fx.server("malformed", adderURL, "  commit: "+strings.ToUpper(shas[1]))
	fx.server("short", adderURL, "  commit: "+shas[1][:12])
	fx.server("not-canonical", adderURL+".git", "  commit: "+shas[1])
	fx.server("option-project", "--upload-pack=touch /tmp/pwned", "  commit: "+shas[1])
	fx.server("gone", goneURL, "  commit: "+shas[1])
	fx.server("bad-branch", adderURL, "  commit: "+shas[1], "  branch: main..dev\n")
	return fx, shas
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestPinCheck(t *testing.T) {
	fx, shas := checkFixture(t)
	tests := []struct {
		server, state string
		code          int
		upstream      string // "" : none
		reason        string
		asksGit       bool
	}{
		{"current", pinCurrent, ExitOK, shas[1], "", true},
		{"behind", pinBehind, ExitTrust, shas[1], "another commit", true},
		{"on-branch", pinCurrent, ExitOK, "", "", true},
		{"on-main", pinBehind, ExitTrust, "", "", true},
		{"malformed", pinError, ExitInput, shas[1], "not canonical", true},
		{"short", pinError, ExitInput, shas[1], "12 hex characters", true},
		{"not-canonical", pinError, ExitInput, "", "bad source.project: must not end with .git", false},
		{"option-project", pinError, ExitInput, "", "bad source.project", false},
		{"gone", pinError, ExitUndecided, "", "asking", true},
		{"bad-branch", pinError, ExitInput, "", `invalid branch "main..dev"`, true}, // refused inside LsRemote
	}
	for _, tt := range tests {
		t.Run(tt.server, func(t *testing.T) {
			r, spy, _ := fx.run(false, "check", tt.server, "--format", "json")
			if code := ExitCode(r.err); code != tt.code {
				t.Fatalf("pin check %s = exit %d (%v), want %d\n%s", tt.server, code, r.err, tt.code, r.stderr)
			}
			got := pinJSON(t, r.stdout)
			if len(got) != 1 || got[0].Server != tt.server || got[0].State != tt.state ||
				(tt.upstream != "" && got[0].Upstream != tt.upstream) || !strings.Contains(got[0].Reason, tt.reason) {
				t.Errorf("pin check %s = %+v, want state %s, upstream %q, reason with %q", tt.server, got, tt.state, tt.upstream, tt.reason)
			}
			if asked := len(spy.asked()) > 0; asked != tt.asksGit {
				t.Errorf("pin check %s: git asked %v, want %v", tt.server, spy.asked(), tt.asksGit)
			}
		})
	}
}

// TestPinCheckNeverGivesGitABadProject runs the real command tree (no
// seams): the project is refused as input before git could be asked.
func TestPinCheckNeverGivesGitABadProject(t *testing.T) {
	fx := newPinFixture(t)
	fx.server("evil", "ext::sh -c touch% /tmp/pwned", "  commit: "+strings.Repeat("a", 40))
	r := runCommand(t, false, "pin", "check", "evil", "--registry", fx.registry, "--format", "json")
	got := pinJSON(t, r.stdout)
	if ExitCode(r.err) != ExitInput || len(got) != 1 || !strings.HasPrefix(got[0].Reason, catalog.ErrBadProject.Error()) {
		t.Errorf("pin check evil = %+v, exit %d, want a bad source.project (exit 2)", got, ExitCode(r.err))
	}
}

func TestPinCheckAll(t *testing.T) {
	fx, shas := checkFixture(t)
	for _, name := range []string{"malformed", "short", "not-canonical", "option-project", "bad-branch"} {
		os.RemoveAll(filepath.Join(fx.registry, "servers", name))
	}
	remote := filepath.Join(fx.registry, "servers", "hosted", "server.yaml")
	os.MkdirAll(filepath.Dir(remote), 0o755)
	os.WriteFile(remote, []byte("name: hosted\ntype: remote\nremote:\n  url: https://mcp.example.com\n  transport_type: sse\n"), 0o644)
	r, spy, _ := fx.run(false, "check", "--all")
	want := []string{"behind", "current", "gone", "on-branch", "on-main"}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		names = append(names, strings.Fields(line)[0])
	}
	if strings.Join(names, " ") != strings.Join(want, " ") || ExitCode(r.err) != ExitTrust {
		t.Errorf("pin check --all: rows %v (exit %d), want %v (exit 1: behind wins over could not ask)\n%s", names, ExitCode(r.err), want, r.stdout)
	}
	if len(spy.asked()) != len(want) || !strings.Contains(r.stdout, shas[0]) || !strings.Contains(r.stdout, "↑ behind") {
		t.Errorf("pin check --all asked %d upstreams, want %d; table:\n%s", len(spy.asked()), len(want), r.stdout)
	}
}

func TestPinTableOnTerminal(t *testing.T) {
	fx, shas := checkFixture(t)
	r, _, _ := fx.run(true, "check", "behind")
	if !strings.Contains(r.stdout, shas[0][:12]) || strings.Contains(r.stdout, shas[0]) || !strings.Contains(r.stdout, "HEAD") {
		t.Errorf("pin check on a terminal = %q, want short commits and the HEAD branch", r.stdout)
	}
	r, _, _ = fx.run(false, "check", "behind", "--format", "{{.Server}} {{.State}} {{.Upstream}}")
	if want := "behind behind " + shas[1] + "\n"; r.stdout != want {
		t.Errorf("pin check --format template = %q, want %q", r.stdout, want)
	}
}

// changedLines returns the 1-based numbers of the lines that differ.
func changedLines(before, after string) []int {
	b, a := strings.SplitAfter(before, "\n"), strings.SplitAfter(after, "\n")
	var out []int
	for i := 0; i < max(len(a), len(b)); i++ {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			out = append(out, i+1)
		}
	}
	return out
}

func TestPinUpdateRewritesOnlyTheCommitLine(t *testing.T) {
	fx, shas := checkFixture(t)
	path := filepath.Join(fx.registry, "servers", "behind", "server.yaml")
	before := readT(t, path)
	r, _, _ := fx.run(false, "update", "behind", "--format", "json")
	got := pinJSON(t, r.stdout)
	if r.err != nil || len(got) != 1 || got[0].State != pinUpdated || got[0].Pinned != shas[0] || got[0].Upstream != shas[1] {
		t.Fatalf("pin update behind = %+v, %v, want updated from %s to %s", got, r.err, shas[0], shas[1])
	}
	after := readT(t, path)
	lines := changedLines(before, after)
	oldLine := "  commit: '" + shas[0] + "' # quoted\n"
	wantLine := "  commit: '" + shas[1] + "' # quoted\n"
	if len(lines) != 1 || strings.SplitAfter(before, "\n")[lines[0]-1] != oldLine ||
		strings.SplitAfter(after, "\n")[lines[0]-1] != wantLine || len(after) != len(before) {
		t.Errorf("pin update changed lines %v:\n%s\nwant only %q -> %q", lines, after, oldLine, wantLine)
	}
	r, _, _ = fx.run(false, "check", "behind", "--format", "json")
	if got := pinJSON(t, r.stdout); r.err != nil || got[0].State != pinCurrent {
		t.Errorf("pin check after update = %+v, %v, want current", got, r.err)
	}
}

func TestPinUpdateLeavesFilesAlone(t *testing.T) {
	fx, _ := checkFixture(t)
	tests := []struct {
		server string
		code   int
		state  string
	}{
		{"current", ExitOK, pinCurrent},
		{"gone", ExitUndecided, pinError},
		{"malformed", ExitInput, pinError},
		{"not-canonical", ExitInput, pinError},
	}
	for _, tt := range tests {
		t.Run(tt.server, func(t *testing.T) {
			path := filepath.Join(fx.registry, "servers", tt.server, "server.yaml")
			before, st := readT(t, path), statT(t, path)
			r, _, _ := fx.run(false, "update", tt.server, "--format", "json")
			got := pinJSON(t, r.stdout)
			if ExitCode(r.err) != tt.code || len(got) != 1 || got[0].State != tt.state {
				t.Errorf("pin update %s = %+v, exit %d, want %s, exit %d", tt.server, got, ExitCode(r.err), tt.state, tt.code)
			}
			if after := statT(t, path); readT(t, path) != before || !after.ModTime().Equal(st.ModTime()) || !os.SameFile(st, after) {
				t.Errorf("pin update %s touched %s", tt.server, path)
			}
		})
	}
}

func statT(t *testing.T, path string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestPinUpdateReview(t *testing.T) {
	fx := newPinFixture(t)
	bcc := fx.upstream(adderURL, map[string]string{"index.js": mailBefore}, map[string]string{"index.js": mailAfter})
	clean := fx.upstream(stableURL, map[string]string{"a.txt": "1"}, map[string]string{"a.txt": "2"})
	tests := []struct {
		server, project, old, new string
		code                      int
		state                     string
		reason                    []string
	}{
		{"postmark", adderURL, bcc[0], bcc[1], ExitTrust, pinError, []string{"did not pass: RISK HIGH (pre-scan: ", "mail-bcc at index.js:3", "pin left as it was"}},
		{"tidy", stableURL, clean[0], clean[1], ExitOK, pinUpdated, []string{"source.commit rewritten"}},
	}
	for _, tt := range tests {
		t.Run(tt.server, func(t *testing.T) {
			path := fx.server(tt.server, tt.project, "  commit: "+tt.old)
			before := readT(t, path)
			r, _, f := fx.run(false, "update", tt.server, "--review", "--format", "json")
			got := pinJSON(t, r.stdout)
			if ExitCode(r.err) != tt.code || len(got) != 1 || got[0].State != tt.state || !containsAll(got[0].Reason, tt.reason) {
				t.Fatalf("pin update --review %s = %+v, exit %d (%v), want %s with %q, exit %d\n%s",
					tt.server, got, ExitCode(r.err), r.err, tt.state, tt.reason, tt.code, r.stderr)
			}
			want := before
			if tt.state == pinUpdated {
				want = strings.Replace(before, tt.old, tt.new, 1)
			}
			if after := readT(t, path); after != want {
				t.Errorf("pin update --review %s: file =\n%s\nwant\n%s", tt.server, after, want)
			}
			if _, err := f.Reports().Latest(tt.server, tt.new); err != nil {
				t.Errorf("pin update --review %s: no stored review of %s: %v", tt.server, tt.new, err)
			}
		})
	}
}

func TestPinUpdateReviewNeedsKey(t *testing.T) {
	fx, _ := checkFixture(t)
	t.Setenv("ANTHROPIC_API_KEY", "")
	r, spy, _ := fx.run(false, "update", "behind", "--review", "--agent", "claude")
	if ExitCode(r.err) != ExitInput || len(spy.asked()) != 0 || !strings.Contains(r.err.Error(), "ANTHROPIC_API_KEY") {
		t.Errorf("pin update --review --agent claude without a key = %v, want exit 2 before any git", r.err)
	}
}

func TestPinExit(t *testing.T) {
	res := func(states ...string) []*pinResult {
		var out []*pinResult
		for _, s := range states {
			state, code, _ := strings.Cut(s, ":")
			r := &pinResult{State: state}
			r.err = map[string]error{"1": &TrustError{Err: errors.New("no")}, "2": &FlagError{Err: errors.New("bad")},
				"3":   &reviewer.GitError{Op: "ls-remote", Err: errors.New("network")},
				"130": &reviewer.GitError{Op: "ls-remote", Err: errors.Join(context.Canceled, errors.New("signal: killed"))}}[code]
			out = append(out, r)
		}
		return out
	}
	tests := []struct {
		states []string
		want   int
	}{
		{nil, ExitOK},
		{[]string{pinCurrent, pinUpdated}, ExitOK},
		{[]string{pinCurrent, pinBehind}, ExitTrust},
		{[]string{pinCurrent, "error:3"}, ExitUndecided},
		{[]string{"error:3", pinBehind}, ExitTrust},
		{[]string{"error:1", pinUpdated}, ExitTrust},
		{[]string{"error:3", pinBehind, "error:2"}, ExitInput},
		{[]string{"error:2", pinBehind, "error:130"}, ExitCancelled},
	}
	for _, tt := range tests {
		if got := ExitCode(pinExit("reg", res(tt.states...))); got != tt.want {
			t.Errorf("ExitCode(pinExit(%v)) = %d, want %d", tt.states, got, tt.want)
		}
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

package commands

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// hostileCatalog has two good names and names that would break a shell's
// completion protocol or the terminal: they must never be offered.
const hostileCatalog = `name: completion-test
registry:
  alpha-server:
    type: server
    image: mcp/alpha:1
  beta.server_2:
    type: server
    image: mcp/beta:1
  "evil\e[31mname":
    type: server
    image: mcp/evil:1
  "two words":
    type: server
    image: mcp/tw:1
  "tab\tname":
    type: server
    image: mcp/tab:1
  "--all":
    type: server
    image: mcp/dash:1
  "ünïcode":
    type: server
    image: mcp/u:1
`

// complete runs cobra's hidden __complete on the real tree built over f and
// returns the offered words and the directive line.
func complete(t *testing.T, f *Factory, args ...string) ([]string, string) {
	t.Helper()
	root := NewRootCmd(f, false)
	root.SetArgs(append([]string{"__complete"}, args...))
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	if _, err := root.ExecuteContextC(context.Background()); err != nil {
		t.Fatalf("__complete %q: %v", args, err)
	}
	buf := f.IO.Out.(*bytes.Buffer)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	buf.Reset()
	words, directive := lines[:len(lines)-1], lines[len(lines)-1]
	for i, w := range words {
		words[i], _, _ = strings.Cut(w, "\t")
	}
	return words, directive
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCompleteServerNames(t *testing.T) {
	file := writeFile(t, "catalog.yaml", hostileCatalog)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"verify offers only plain names", []string{"verify", "--catalog", file, ""}, []string{"alpha-server", "beta.server_2"}},
		{"prefix", []string{"verify", "--catalog", file, "be"}, []string{"beta.server_2"}},
		{"given names are not offered again", []string{"verify", "--catalog", file, "alpha-server", ""}, []string{"beta.server_2"}},
		{"verify --all takes no names", []string{"verify", "--all", "--catalog", file, ""}, nil},
		{"report takes one", []string{"report", "--catalog", file, "alpha-server", ""}, nil},
		{"demo catalog", []string{"report", "--catalog", "demo", "weather"}, []string{"weather-demo"}},
		{"oci catalog is never pulled", []string{"verify", "--catalog", "oci://127.0.0.1:1/x:1", ""}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			got, directive := complete(t, f, tt.args...)
			if !slices.Equal(got, tt.want) || directive != ":4" {
				t.Errorf("__complete %q = %q %s, want %q :4", tt.args, got, directive, tt.want)
			}
		})
	}
}

func TestCompleteReviewFallsBackToFiles(t *testing.T) {
	f, _, _ := testFactory(t, false)
	got, directive := complete(t, f, "review", "--catalog", "demo", "./")
	if len(got) != 0 || directive != ":0" {
		t.Errorf("review ./<TAB> = %q %s, want file completion (:0)", got, directive)
	}
}

// The cache is read whatever its age, and the URL is never fetched: the
// loopback server counts every request.
func TestCompleteReadsCacheWithoutNetwork(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Write([]byte(hostileCatalog))
	}))
	defer srv.Close()
	url := srv.URL + "/catalog.yaml"
	f, _, _ := testFactory(t, false)

	if got, _ := complete(t, f, "verify", "--catalog", url, ""); len(got) != 0 || hits.Load() != 0 {
		t.Fatalf("with no cache: offered %q after %d fetches, want nothing and no fetch", got, hits.Load())
	}
	if _, err := f.LoadCatalog(context.Background(), url); err != nil || hits.Load() != 1 {
		t.Fatalf("filling the cache: %v (%d fetches)", err, hits.Load())
	}
	f.Now = func() time.Time { return fixedNow.Add(30 * 24 * time.Hour) } // the cache is now stale
	got, _ := complete(t, f, "verify", "--catalog", url, "")
	if want := []string{"alpha-server", "beta.server_2"}; !slices.Equal(got, want) {
		t.Errorf("from a stale cache: offered %q, want %q", got, want)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("completion fetched the catalog: %d requests, want only the one that filled the cache", n-1)
	}
}

func TestOfflineFetchersRefuse(t *testing.T) {
	if _, err := offlineFetcher.Fetch(context.Background(), "https://127.0.0.1/x"); !errors.Is(err, errOffline) {
		t.Errorf("offlineFetcher = %v, want errOffline", err)
	}
	if _, err := offlineOCI(context.Background(), "127.0.0.1/x:1"); !errors.Is(err, errOffline) {
		t.Errorf("offlineOCI = %v, want errOffline", err)
	}
}

func TestCompleteRegistryServers(t *testing.T) {
	reg := t.TempDir()
	for _, d := range []string{"github", "gitlab", "bad name", "-x"} {
		if err := os.MkdirAll(filepath.Join(reg, "servers", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(reg, "servers", "gitfile"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, _ := testFactory(t, false)
	got, _ := complete(t, f, "pin", "update", "--registry", reg, "git")
	if want := []string{"github", "gitlab"}; !slices.Equal(got, want) {
		t.Errorf("pin update --registry R git<TAB> = %q, want %q", got, want)
	}
}

func TestCompleteFlagValues(t *testing.T) {
	tests := []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"verify", "--format", ""}, []string{"table", "json", "sarif"}, ":4"},
		{[]string{"version", "--format", "j"}, []string{"json"}, ":4"},
		{[]string{"review", "--agent", ""}, []string{"claude", "codex", "prescan"}, ":4"},
		{[]string{"catalog", "--catalog", "de"}, []string{"demo"}, ":4"},
		{[]string{"catalog", "--publishers", ""}, []string{"yaml", "yml"}, ":8"},
		{[]string{"review", "--output", ""}, nil, ":16"},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}, ":4"},
		{[]string{""}, nil, ""}, // checked below: the command list
	}
	for _, tt := range tests[:len(tests)-1] {
		f, _, _ := testFactory(t, false)
		got, directive := complete(t, f, tt.args...)
		if !slices.Equal(got, tt.want) || directive != tt.directive {
			t.Errorf("__complete %q = %q %s, want %q %s", tt.args, got, directive, tt.want, tt.directive)
		}
	}
	f, _, _ := testFactory(t, false)
	got, _ := complete(t, f, "")
	for _, want := range []string{"catalog", "verify", "completion", "pin"} {
		if !slices.Contains(got, want) {
			t.Errorf("commands offered %q lack %q", got, want)
		}
	}
}

// --format completes the CI formats exactly where the command prints them.
func TestCompleteFormatCIFormats(t *testing.T) {
	f, _, _ := testFactory(t, false)
	root := NewRootCmd(f, false)
	for _, tt := range []struct {
		cmd  string
		want []string
	}{
		{"review", []string{"table", "json", "sarif", "github"}},
		{"lint", []string{"table", "json", "sarif"}},
		{"verify", []string{"table", "json", "sarif"}},
		{"catalog", []string{"table", "json"}},
	} {
		cmd, _, err := root.Find([]string{tt.cmd})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := completeFormat(cmd, nil, ""); !slices.Equal(got, tt.want) {
			t.Errorf("%s --format completes %q, want %q", tt.cmd, got, tt.want)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the script; "" for a usage error
	}{
		{[]string{"completion", "bash"}, "__start_mcptrust"},
		{[]string{"completion", "zsh"}, "#compdef mcptrust"},
		{[]string{"completion", "fish"}, "complete -c mcptrust"},
		{[]string{"completion", "tcsh"}, ""},
		{[]string{"completion"}, ""},
		{[]string{"completion", "bash", "zsh"}, ""},
	}
	for _, tt := range tests {
		r := runCommand(t, false, tt.args...)
		if tt.want == "" {
			if ExitCode(r.err) != ExitInput || r.stdout != "" {
				t.Errorf("%q: exit %d stdout %d bytes, want exit %d and nothing written", tt.args, ExitCode(r.err), len(r.stdout), ExitInput)
			}
			continue
		}
		if r.err != nil || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("%q: err %v, script lacks %q", tt.args, r.err, tt.want)
		}
	}
}

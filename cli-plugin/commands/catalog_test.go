package commands

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func TestNewCmdCatalogFlags(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		source     string
		publishers string
		json       bool
		wantErr    bool
	}{
		{name: "defaults", args: []string{}, source: "https://desktop.docker.com/mcp/catalog/v3/catalog.yaml"},
		{name: "demo json", args: []string{"--catalog", "demo", "--format", "json"}, source: "demo", json: true},
		{name: "publishers", args: []string{"--catalog", "./reg", "--publishers", "p.yaml"}, source: "./reg", publishers: "p.yaml"},
		{name: "positional arg", args: []string{"extra"}, wantErr: true},
		{name: "bad format", args: []string{"--format", "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			var got *CatalogOptions
			cmd := NewCmdCatalog(f, func(o *CatalogOptions) error { got = o; return nil })
			cmd.Flags().String("format", "table", "") // the root's persistent flag
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr {
				if ExitCode(err) != ExitInput {
					t.Fatalf("catalog %v: err = %v, want a usage error", tt.args, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("catalog %v: %v", tt.args, err)
			}
			if got.Source != tt.source || got.Publishers != tt.publishers || got.Format.IsJSON() != tt.json {
				t.Errorf("catalog %v = {%q %q json=%v}, want {%q %q json=%v}", tt.args, got.Source, got.Publishers, got.Format.IsJSON(), tt.source, tt.publishers, tt.json)
			}
		})
	}
}

func TestCatalogDemoJSONGolden(t *testing.T) {
	r := runCommand(t, false, "catalog", "--catalog", "demo", "--format", "json")
	if r.err != nil {
		t.Fatal(r.err)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	golden.RequireEqual(t, []byte(r.stdout))
}

func TestCatalogDemoTable(t *testing.T) {
	r := runCommand(t, false, "catalog", "--catalog", "demo")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if strings.ContainsRune(r.stdout+r.stderr, 0x1b) {
		t.Errorf("table output carries ESC:\n%s", r.stdout)
	}
	if !strings.HasPrefix(r.stdout, "NAME") || !strings.Contains(r.stderr, "catalog: demo") {
		t.Errorf("table = %q, stderr = %q", r.stdout, r.stderr)
	}
	golden.RequireEqual(t, []byte(r.stdout))
}

func TestCatalogBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("registry:\n  x: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, source string
		code         int
		mention      string
	}{
		{"missing file", filepath.Join(dir, "missing.yaml"), ExitInput, "missing.yaml"},
		{"malformed yaml", bad, ExitInput, "bad.yaml"},
		{"empty dir", t.TempDir(), ExitInput, "server.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, false, "catalog", "--catalog", tt.source)
			if ExitCode(r.err) != tt.code || !strings.Contains(r.err.Error(), tt.mention) {
				t.Errorf("catalog --catalog %s: err = %v (exit %d), want exit %d naming %q", tt.source, r.err, ExitCode(r.err), tt.code, tt.mention)
			}
			if r.stdout != "" {
				t.Errorf("catalog --catalog %s printed a partial result: %q", tt.source, r.stdout)
			}
		})
	}
}

// An unreachable catalog URL with no cache is "could not decide" (exit 3),
// prints nothing and leaves no cache file behind.
func TestCatalogUnreachableURLNoCache(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/catalog.yaml"
	srv.Close()
	f, out, _ := testFactory(t, false)
	root := NewRootCmd(f, false)
	root.SetArgs([]string{"catalog", "--catalog", url})
	err := root.Execute()
	if ExitCode(err) != ExitUndecided || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("catalog --catalog %s: err = %v (exit %d), want exit %d naming the URL", url, err, ExitCode(err), ExitUndecided)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q", out.String())
	}
	entries, _ := os.ReadDir(filepath.Join(f.ConfigDir(), "mcptrust", "cache"))
	if len(entries) != 0 {
		t.Errorf("cache dir holds %d entries after a failed download, want none", len(entries))
	}
}

// Without --publishers a real catalog is classified with the built-in
// list, and stderr says where that list comes from and how old it is;
// --publishers replaces it.
func TestCatalogPublishersList(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "catalog.yaml")
	const yaml = "registry:\n  apify:\n    type: remote\n  someone-else:\n    type: remote\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	pubs := filepath.Join(dir, "pubs.yaml")
	if err := os.WriteFile(pubs, []byte("source: my team\nservers: [someone-else]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
		known      string
	}{
		{"built-in", nil, "publishers: built-in: docker/mcp-registry .github/auto-merge-allowlist.yaml at d206dd32^", "apify"},
		{"replaced", []string{"--publishers", pubs}, "publishers: " + pubs + ": my team (1 servers, 0 owners)", "someone-else"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, false, append([]string{"catalog", "--catalog", file, "--format", "json"}, tt.args...)...)
			if r.err != nil {
				t.Fatal(r.err)
			}
			if !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.wantStderr)
			}
			var v catalogView
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
				t.Fatal(err)
			}
			for _, s := range v.Servers {
				if want := s.Name == tt.known; (s.Publisher == "known-publisher") != want {
					t.Errorf("%s: publisher %q, want known=%v", s.Name, s.Publisher, want)
				}
			}
			if v.PublisherCounts["known-publisher"] != 1 || v.BuildCounts["remote"] != 2 {
				t.Errorf("counts: publisher %v, build %v", v.PublisherCounts, v.BuildCounts)
			}
		})
	}
}

// A --publishers list that cannot be read decides nothing: a missing file
// is bad input (exit 2), an unreachable URL with no cache is exit 3, and
// neither prints a table classified with no list.
func TestCatalogPublishersErrors(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/publishers.yaml"
	srv.Close()
	tests := []struct {
		name, publishers string
		code             int
	}{
		{"missing file", filepath.Join(t.TempDir(), "missing.yaml"), ExitInput},
		{"unreachable URL", url, ExitUndecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, false, "catalog", "--catalog", "demo", "--publishers", tt.publishers)
			if ExitCode(r.err) != tt.code || !strings.Contains(r.err.Error(), tt.publishers) {
				t.Errorf("--publishers %s: err = %v (exit %d), want exit %d naming it", tt.publishers, r.err, ExitCode(r.err), tt.code)
			}
			if r.stdout != "" {
				t.Errorf("--publishers %s printed %q", tt.publishers, r.stdout)
			}
		})
	}
}

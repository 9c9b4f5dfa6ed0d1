package main

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// wantMetadata is what docker reads from `docker-cli-plugin-metadata`.
const wantMetadata = `{
     "SchemaVersion": "0.1.0",
     "Vendor": "mcp-trust",
     "Version": "v0.0.0-test",
     "ShortDescription": "Check MCP servers of the Docker MCP Catalog: pins, signatures, reviews",
     "URL": "https://github.com/mcp-trust/mcp-trust"
}
`

// The launcher answers docker's metadata call itself; the program answers it
// the same way when run as the plugin directly.
func TestPluginMetadataCall(t *testing.T) {
	for _, name := range []string{"docker-mcptrust", "mcptrust"} {
		out, err := exec.Command(filepath.Join(binDir, name), "docker-cli-plugin-metadata").Output()
		if err != nil || string(out) != wantMetadata {
			t.Errorf("%s docker-cli-plugin-metadata = %q, %v; want %q", name, out, err, wantMetadata)
		}
	}
}

func TestDockerPluginVersion(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "mcptrust v0.0.0-test (go") || r.stderr != "" {
		t.Errorf("docker mcptrust version = %d %q %q, want mcptrust v0.0.0-test", r.code, r.stdout, r.stderr)
	}
}

// Docker passes its own global flags to the plugin before the plugin's
// name; the plugin must accept all of them.
func TestDockerPluginAcceptsDockerGlobalFlags(t *testing.T) {
	env := dockerEnv(t)
	for _, args := range [][]string{
		{"--debug", "mcptrust", "version"},
		{"-l", "warn", "mcptrust", "version"},
		{"--context", "default", "mcptrust", "version"},
		{"-H", "unix:///nonexistent/docker.sock", "mcptrust", "version"},
		{"--tlsverify", "--tlscacert", "/nonexistent/ca.pem", "mcptrust", "version"},
	} {
		r := docker(t, env, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "mcptrust v0.0.0-test (") {
			t.Errorf("docker %v = %d %q %q, want the version", args, r.code, r.stdout, r.stderr)
		}
	}
}

// The help is docker's layout, under `docker mcptrust`.
func TestDockerPluginHelpLayout(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "--help")
	for _, want := range []string{
		"Usage:  docker mcptrust [OPTIONS] COMMAND\n\nCheck MCP servers of the Docker MCP Catalog: pins, signatures, reviews\n\nOptions:\n      --format string ",
		"\n\nManagement Commands:\n  pin ",
		"\n\nCommands:\n  catalog ",
		"\n\nRun 'docker mcptrust COMMAND --help' for more information on a command.\n",
	} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("docker mcptrust --help (exit %d) lacks %q:\n%s", r.code, want, r.stdout)
		}
	}
	r = docker(t, env, "mcptrust", "version", "--help")
	if want := "Usage:  docker mcptrust version\n\nShow the mcptrust version\n\nOptions:\n      --format string   "; r.code != 0 || !strings.HasPrefix(r.stdout, want) {
		t.Errorf("docker mcptrust version --help = %d %q, want it to start %q", r.code, r.stdout, want)
	}
	r = docker(t, env, "mcptrust", "version", "-h")
	if r.code != 0 || !strings.Contains(r.stdout, "Flag shorthand -h has been deprecated, use --help\nUsage:  docker mcptrust version") {
		t.Errorf("docker mcptrust version -h = %d %q, want docker's deprecation note and the help", r.code, r.stdout)
	}
}

func TestDockerPluginUnknownCommand(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "bogus")
	want := "error: unknown command \"bogus\" for \"docker mcptrust\"\nSee 'docker mcptrust --help'.\n"
	if r.code != 2 || r.stderr != want || r.stdout != "" {
		t.Errorf("docker mcptrust bogus = %d, stdout %q, stderr %q; want 2 and %q", r.code, r.stdout, r.stderr, want)
	}
}

// authRecorder is a loopback registry that asks for basic auth and records
// every Authorization header it is sent; it has no images. It also serves a
// catalog at /catalog.yaml.
func authRecorder(t *testing.T) (string, func() []string) {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/catalog.yaml" {
			w.Write([]byte(completionCatalog))
			return
		}
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// writeDockerConfig writes a config.json holding user:password for host.
func writeDockerConfig(t *testing.T, dir, host, userPass string) {
	t.Helper()
	auth := base64.StdEncoding.EncodeToString([]byte(userPass))
	cfg := `{"auths": {"` + host + `": {"auth": "` + auth + `"}}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

// `docker --config DIR mcptrust ...` uses DIR: docker finds the plugin
// there, and the plugin reads DIR's credentials and caches under DIR, not
// under DOCKER_CONFIG.
func TestDockerConfigFlagPicksDir(t *testing.T) {
	env := dockerEnv(t)
	var envDir string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "DOCKER_CONFIG="); ok {
			envDir = v
		}
	}
	other := t.TempDir()
	if err := os.CopyFS(filepath.Join(other, "cli-plugins"), os.DirFS(filepath.Join(envDir, "cli-plugins"))); err != nil {
		t.Fatal(err)
	}
	host, seen := authRecorder(t)
	writeDockerConfig(t, envDir, host, "bob:env-dir")
	writeDockerConfig(t, other, host, "alice:config-flag")
	r := docker(t, env, "--config", other, "mcptrust", "verify", "--catalog", "demo", "--no-cache", host+"/mcp/private:1")
	if r.code == 0 {
		t.Errorf("verify of a missing image exit 0 (stderr %q)", r.stderr)
	}
	alice := "Basic " + base64.StdEncoding.EncodeToString([]byte("alice:config-flag"))
	sent := seen()
	found := false
	for _, h := range sent {
		found = found || h == alice
		if strings.Contains(h, base64.StdEncoding.EncodeToString([]byte("bob:env-dir"))) {
			t.Errorf("the plugin sent DOCKER_CONFIG's credentials, not those of --config")
		}
	}
	if !found {
		t.Errorf("the registry saw Authorization %q, want alice's from --config %s", sent, other)
	}

	r = docker(t, env, "--config", other, "mcptrust", "catalog", "--catalog", "http://"+host+"/catalog.yaml", "--format", "json")
	if r.code != 0 {
		t.Fatalf("catalog from a loopback URL: exit %d: %s", r.code, r.stderr)
	}
	for dir, want := range map[string]int{other: 1, envDir: 0} {
		if got, _ := filepath.Glob(filepath.Join(dir, "mcptrust", "cache", "catalog-*.cache")); len(got) != want {
			t.Errorf("catalog caches under %s = %q, want %d", dir, got, want)
		}
	}
}

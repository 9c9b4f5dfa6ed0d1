package commands

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runAsPlugin runs args as docker passes them to the plugin (docker's
// global flags, our name, our arguments) through the real command tree.
func runAsPlugin(t *testing.T, args ...string) (result, *Factory, string) {
	t.Helper()
	f, out, errOut := testFactory(t, false)
	root, err := runPlugin(context.Background(), f, args)
	path := ""
	if root != nil {
		path = root.CommandPath()
	}
	return result{out.String(), errOut.String(), err}, f, path
}

func TestPluginMetadata(t *testing.T) {
	r, _, _ := runAsPlugin(t, "docker-cli-plugin-metadata")
	want := `{
     "SchemaVersion": "0.1.0",
     "Vendor": "mcp-trust",
     "Version": "dev",
     "ShortDescription": "Check MCP servers of the Docker MCP Catalog: pins, signatures, reviews",
     "URL": "https://github.com/mcp-trust/mcp-trust"
}
`
	if r.err != nil || r.stdout != want {
		t.Errorf("metadata = %q, %v; want %q", r.stdout, r.err, want)
	}
}

// Docker passes its global flags before our name; each is accepted, bad
// ones exit as in docker (125), and --config chooses the config dir.
func TestPluginGlobalFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		code      int
		configDir string // "" is the factory's own
	}{
		{"none", []string{"mcptrust", "version"}, ExitOK, ""},
		{"config", []string{"--config", dir + "/", "mcptrust", "version"}, ExitOK, dir},
		{"config with =", []string{"--config=" + dir, "mcptrust", "version"}, ExitOK, dir},
		{"docker's other flags", []string{"-l", "info", "--tlsverify", "-H", "unix:///nowhere.sock", "mcptrust", "version"}, ExitOK, ""},
		{"context", []string{"--context", "default", "mcptrust", "version"}, ExitOK, ""},
		{"unknown global flag", []string{"--bogus", "mcptrust", "version"}, ExitDockerUsage, ""},
		{"bad log level", []string{"-l", "loud", "mcptrust", "version"}, ExitDockerUsage, ""},
		{"two hosts", []string{"-H", "unix:///a", "-H", "unix:///b", "mcptrust", "version"}, ExitDockerUsage, ""},
		{"host and context", []string{"-c", "default", "-H", "unix:///a", "mcptrust", "version"}, ExitUndecided, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, f, _ := runAsPlugin(t, tt.args...)
			if got := ExitCode(r.err); got != tt.code {
				t.Fatalf("%q: exit %d (%v), want %d", tt.args, got, r.err, tt.code)
			}
			if tt.code != ExitOK {
				return
			}
			if !strings.HasPrefix(r.stdout, "mcptrust dev (") {
				t.Errorf("%q: stdout = %q, want the version", tt.args, r.stdout)
			}
			if tt.configDir != "" && f.ConfigDir() != tt.configDir {
				t.Errorf("%q: config dir = %q, want %q", tt.args, f.ConfigDir(), tt.configDir)
			}
			if tt.configDir == "" && f.ConfigDir() == dir {
				t.Errorf("%q: config dir = %q, want the factory's", tt.args, f.ConfigDir())
			}
		})
	}
}

// The registry credentials come from the config.json of docker's --config.
func TestPluginConfigFlagPicksCredentials(t *testing.T) {
	dir := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte("alice:s3cret"))
	cfg := `{"auths": {"registry.test": {"auth": "` + auth + `"}}, "credsStore": ""}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	r, f, _ := runAsPlugin(t, "--config", dir, "mcptrust", "version")
	if r.err != nil {
		t.Fatal(r.err)
	}
	ac, err := f.DockerConfig().GetAuthConfig("registry.test")
	if err != nil || ac.Username != "alice" || ac.Password != "s3cret" {
		t.Errorf("credentials for registry.test = %+v, %v; want alice's from %s", ac, err, dir)
	}
}

func TestPluginHelp(t *testing.T) {
	r, _, _ := runAsPlugin(t, "mcptrust", "--help")
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, want := range []string{
		"Usage:  docker mcptrust [OPTIONS] COMMAND\n\nCheck MCP servers of the Docker MCP Catalog: pins, signatures, reviews\n\nOptions:\n      --format string ",
		"\n\nManagement Commands:\n  pin            Compare pins",
		"\n\nCommands:\n  catalog        Browse",
		"\n  version        Show the mcptrust version\n\nRun 'docker mcptrust COMMAND --help' for more information on a command.\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("docker mcptrust --help lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.HasSuffix(r.stdout, "for more information on a command.\n") || strings.Contains(r.stdout, "--help ") {
		t.Errorf("docker mcptrust --help ends wrong or lists the hidden --help flag:\n%s", r.stdout)
	}
	r, _, _ = runAsPlugin(t, "mcptrust", "version", "--help")
	want := "Usage:  docker mcptrust version\n\nShow the mcptrust version\n\nOptions:\n      --format string   "
	if r.err != nil || !strings.HasPrefix(r.stdout, want) || strings.Contains(r.stdout, "Run '") {
		t.Errorf("docker mcptrust version --help = %q, %v; want it to start %q", r.stdout, r.err, want)
	}
}

// The `docker` command above ours lists docker's global flags, as the help
// of any docker/cli plugin run by hand does.
func TestPluginTopHelp(t *testing.T) {
	r, _, _ := runAsPlugin(t, "--help")
	for _, want := range []string{
		"Usage:  docker [OPTIONS] COMMAND\n\ndocker-mcptrust is a Docker CLI plugin\n\nManagement Commands:\n  mcptrust ",
		"\n\nGlobal Options:\n      --config string ",
		"  -H, --host string ",
		"\n\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("docker-mcptrust --help lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestPluginUnknownCommand(t *testing.T) {
	r, _, path := runAsPlugin(t, "mcptrust", "bogus")
	if ExitCode(r.err) != ExitInput {
		t.Fatalf("docker mcptrust bogus: %v (exit %d), want exit %d", r.err, ExitCode(r.err), ExitInput)
	}
	var b strings.Builder
	printError(&b, r.err, path)
	if want := "error: unknown command \"bogus\" for \"docker mcptrust\"\nSee 'docker mcptrust --help'.\n"; b.String() != want {
		t.Errorf("printed error = %q, want %q", b.String(), want)
	}
}

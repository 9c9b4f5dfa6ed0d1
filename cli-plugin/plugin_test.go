package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// binDir holds docker-mcptrust and mcptrust built once for these tests.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mcptrust-e2e-")
	if err != nil {
		panic(err)
	}
	binDir = dir
	code := build(dir)
	if code == 0 {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func build(dir string) int {
	for pkg, name := range map[string]string{".": "mcptrust", "./launcher": "docker-mcptrust"} {
		cmd := exec.Command("go", "build", "-ldflags", "-X github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta.Version=v0.0.0-test", "-o", filepath.Join(dir, name), pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build: mcptrust is also the review's proxy image
		if err := cmd.Run(); err != nil {
			return 1
		}
	}
	return 0
}

// dockerEnv makes a fresh DOCKER_CONFIG whose cli-plugins folder holds the
// two binaries, as `make install` lays them out.
func dockerEnv(t *testing.T) []string {
	t.Helper()
	testenv.NeedCommand(t, "docker")
	cfg := t.TempDir()
	plugins := filepath.Join(cfg, "cli-plugins")
	if err := os.MkdirAll(plugins, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"mcptrust", "docker-mcptrust"} {
		b, err := os.ReadFile(filepath.Join(binDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(plugins, name), b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return append(os.Environ(), "DOCKER_CONFIG="+cfg, "NO_COLOR=1")
}

type run struct {
	stdout, stderr string
	code           int
}

func docker(t *testing.T, env []string, args ...string) run {
	t.Helper()
	cmd := exec.Command("docker", args...)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("docker %v: %v", args, err)
	}
	return run{out.String(), errOut.String(), code}
}

func TestDockerHelpListsPlugin(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "mcptrust*") {
		t.Fatalf("docker --help = %d, stdout lacks mcptrust*:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Check MCP servers") {
		t.Errorf("docker --help does not show the short description:\n%s", r.stdout)
	}
}

func TestDockerPluginHelp(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "--help")
	if r.code != 0 {
		t.Fatalf("docker mcptrust --help exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"docker mcptrust", "catalog", "lint", "version"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("docker mcptrust --help lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestDockerPluginCatalogDemoJSON(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "catalog", "--catalog", "demo", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		Source  string `json:"source"`
		Servers []struct {
			Name string `json:"name"`
			Tier string `json:"tier"`
		} `json:"servers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if got.Source != "demo" || len(got.Servers) < 10 {
		t.Fatalf("catalog demo = source %q with %d servers, want demo with >= 10", got.Source, len(got.Servers))
	}
	if strings.ContainsRune(r.stdout, 0x1b) || strings.ContainsRune(r.stderr, 0x1b) {
		t.Errorf("output carries an ESC byte from the demo's hostile entry")
	}
}

func TestDockerPluginMetadataAndVersion(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "version", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"version": "v0.0.0-test"`) {
		t.Fatalf("docker mcptrust version = %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = docker(t, env, "info", "--format", "{{range .ClientInfo.Plugins}}{{.Name}} {{.Vendor}} {{.Version}}{{println}}{{end}}")
	if !strings.Contains(r.stdout, "mcptrust mcp-trust v0.0.0-test") {
		t.Errorf("docker info plugins = %q (stderr %q), want mcptrust mcp-trust v0.0.0-test", r.stdout, r.stderr)
	}
}

func TestDockerPluginExitCodes(t *testing.T) {
	env := dockerEnv(t)
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"unknown flag", []string{"mcptrust", "catalog", "--bogus"}, 2},
		{"unknown command", []string{"mcptrust", "bogus"}, 2},
		{"bad format", []string{"mcptrust", "version", "--format", "yaml"}, 2},
		{"missing catalog file", []string{"mcptrust", "catalog", "--catalog", missing}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := docker(t, env, tt.args...)
			if r.code != tt.code {
				t.Errorf("docker %v exit = %d, want %d (stderr %q)", tt.args, r.code, tt.code, r.stderr)
			}
			if lines := strings.Count(strings.TrimSpace(r.stderr), "\n"); lines > 1 {
				t.Errorf("docker %v: error is %d lines, want one (plus a help pointer):\n%s", tt.args, lines+1, r.stderr)
			}
		})
	}
}

// The launcher must stand alone too, and say clearly when its engine is gone.
func TestLauncherWithoutEngine(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(binDir, "docker-mcptrust"))
	if err != nil {
		t.Fatal(err)
	}
	launcher := filepath.Join(dir, "docker-mcptrust")
	if err := os.WriteFile(launcher, b, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(launcher, "docker-cli-plugin-metadata").Output()
	if err != nil || !strings.Contains(string(out), `"SchemaVersion": "0.1.0"`) {
		t.Fatalf("metadata without engine = %q, %v", out, err)
	}
	cmd := exec.Command(launcher, "catalog", "--catalog", "demo")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 3 || !strings.Contains(stderr.String(), "mcptrust program is missing") {
		t.Fatalf("launcher without engine = %v, stderr %q; want exit 3 naming the missing program", err, stderr.String())
	}
}

func TestStandaloneCatalogWithoutDocker(t *testing.T) {
	cmd := exec.Command(filepath.Join(binDir, "docker-mcptrust"), "catalog", "--catalog", "demo")
	// No docker anywhere: an empty PATH and a DOCKER_HOST that cannot exist.
	cmd.Env = []string{"PATH=", "HOME=" + t.TempDir(), "DOCKER_HOST=unix:///nonexistent/docker.sock"}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("standalone catalog: %v", err)
	}
	if !strings.HasPrefix(string(out), "NAME") {
		t.Errorf("standalone catalog table = %q, want a NAME header", out)
	}
}

// The plugin must not touch the Docker engine for commands that do not need
// it: DOCKER_HOST points at a socket the test owns, and nothing may connect.
func TestDockerPluginLeavesEngineAlone(t *testing.T) {
	env := dockerEnv(t)
	sock := filepath.Join(t.TempDir(), "engine.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	defer l.Close()
	env = append(env, "DOCKER_HOST=unix://"+sock)
	for _, args := range [][]string{
		{"mcptrust", "catalog", "--catalog", "demo"},
		{"mcptrust", "lint", t.TempDir()},
		{"mcptrust", "version"},
	} {
		docker(t, env, args...)
	}
	if n := accepted.Load(); n != 0 {
		t.Errorf("the plugin (or docker on its behalf) connected to the engine %d times", n)
	}
}

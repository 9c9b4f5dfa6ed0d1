package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestInstall(t *testing.T) {
	r := installed(t)
	paths := strings.Fields(r.read("path"))
	if len(paths) != 1 {
		t.Fatalf("GITHUB_PATH = %q, want one folder", paths)
	}
	for _, bin := range []string{"mcptrust", "docker-mcptrust"} {
		if _, err := os.Stat(filepath.Join(paths[0], bin)); err != nil {
			t.Errorf("%s is not installed side by side: %v", bin, err)
		}
	}
	out, err := exec.Command(filepath.Join(paths[0], "mcptrust"), "version").Output()
	if err != nil || !strings.Contains(string(out), version) {
		t.Errorf("installed mcptrust version = %q, %v", out, err)
	}
}

// A release that does not match its SHA256SUMS, or a version that is not a
// release tag, installs nothing.
func TestInstallRefuses(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		override map[string][]byte
		want     string
		requests bool
	}{
		{"tampered archive", version, map[string][]byte{release.name + ".tar.gz": []byte("evil")}, "does not match SHA256SUMS", true},
		{"archive missing from SHA256SUMS", version, map[string][]byte{"SHA256SUMS": []byte("00  other.tar.gz\n")}, "does not match SHA256SUMS", true},
		{"no SHA256SUMS", version, map[string][]byte{}, "", true},
		{"branch, not a tag", "main", nil, "not a release tag", false},
		{"shell in version", "v1.0.0$(touch pwned)", nil, "not a release tag", false},
		{"path in version", "v1.0.0/../../x", nil, "not a release tag", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			override := tt.override
			if tt.name == "no SHA256SUMS" {
				override = map[string][]byte{}
			}
			url, hits := serve(t, override)
			if tt.name == "no SHA256SUMS" {
				url += "/missing"
			}
			r := newRunner(t)
			r.env["MCPTRUST_RELEASE_URL"] = url
			out, code := r.step("install", map[string]string{"INPUT_VERSION": tt.version})
			if code != 2 || !strings.Contains(out, "::error") || !strings.Contains(out, tt.want) {
				t.Errorf("install exit %d, want 2 with an ::error %q:\n%s", code, tt.want, out)
			}
			if got := r.read("path"); got != "" {
				t.Errorf("GITHUB_PATH = %q after a refused install", got)
			}
			if !tt.requests && hits.Load() != 0 {
				t.Errorf("%d requests for a refused version", hits.Load())
			}
			if _, err := os.Stat(filepath.Join(r.temp, "pwned")); err == nil {
				t.Error("the version input ran as shell")
			}
		})
	}
}

// lintDir makes a registry folder with one server.yaml, good or not.
func lintDir(t *testing.T, commit string) string {
	dir := t.TempDir()
	yml := `name: good
image: mcp/good
type: server
meta:
  category: devops
  tags:
    - devops
about:
  title: Good
  description: A good server.
  icon: https://avatars.githubusercontent.com/u/1?s=200&v=4
source:
  project: https://github.com/acme/good
  commit: ` + commit + "\n"
	if err := os.MkdirAll(filepath.Join(dir, "servers", "good"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "servers", "good", "server.yaml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shardCatalog has three servers whose registry is a closed loopback port:
// verify cannot decide (exit 3) but names what it tried.
const shardCatalog = `name: shard-test
registry:
  one:
    type: server
    image: 127.0.0.1:1/mcp/one:1
    source: https://github.com/acme/one/tree/0123456789abcdef0123456789abcdef01234567
  two:
    type: server
    image: 127.0.0.1:1/mcp/two:1
    source: https://github.com/acme/two/tree/0123456789abcdef0123456789abcdef01234567
  three:
    type: server
    image: 127.0.0.1:1/mcp/three:1
    source: https://github.com/acme/three/tree/0123456789abcdef0123456789abcdef01234567
`

func TestRun(t *testing.T) {
	r := installed(t)
	catalog := filepath.Join(t.TempDir(), "catalog.yaml")
	if err := os.WriteFile(catalog, []byte(shardCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	repo, head := gitRepo(t)
	tests := []struct {
		name    string
		env     map[string]string
		code    string   // exit-code output
		want    []string // in the step's output
		notWant []string
	}{
		{"lint passes", map[string]string{"INPUT_COMMAND": "lint", "INPUT_ARGS": lintDir(t, strings.Repeat("ab", 20)), "INPUT_FORMAT": "json"}, "0", []string{`"errors": 0`}, nil},
		{"lint fails", map[string]string{"INPUT_COMMAND": "lint", "INPUT_ARGS": lintDir(t, "HEAD")}, "1", []string{"source.commit"}, nil},
		{"verify shard 2 of 3", map[string]string{"INPUT_COMMAND": "verify", "INPUT_SHARD": "2", "INPUT_SHARDS": "3", "INPUT_CATALOG": catalog, "INPUT_FORMAT": "json"},
			"3", []string{"verify --all --shard 2/3", `"name": "three"`}, []string{`"name": "one"`, `"name": "two"`}},
		{"review pre-scan", map[string]string{"INPUT_COMMAND": "review", "INPUT_AGENT": "prescan", "INPUT_ARGS": repo, "INPUT_HEAD": head, "INPUT_FORMAT": "json"},
			"0", []string{"review --agent prescan --head " + head + " --format json -- " + repo}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.WriteFile(r.env["GITHUB_OUTPUT"], nil, 0o644)
			out, code := r.step("run", tt.env)
			if code != 0 {
				t.Fatalf("run exit %d, want 0 (the code goes to GITHUB_OUTPUT):\n%s", code, out)
			}
			if tt.code != "" && r.read("output") != "exit-code="+tt.code+"\n" {
				t.Errorf("GITHUB_OUTPUT = %q, want exit-code=%s\n%s", r.read("output"), tt.code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

// Inputs are data: shell in them never runs, a flag in args is not a flag,
// and a bad value is a clear ::error with exit 2 before anything runs.
func TestRunInputsAreData(t *testing.T) {
	r := installed(t)
	marker := filepath.Join(r.temp, "pwned")
	catalog := filepath.Join(t.TempDir(), "catalog.yaml")
	if err := os.WriteFile(catalog, []byte(shardCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"shell in args", map[string]string{"INPUT_COMMAND": "lint", "INPUT_ARGS": "$(touch " + marker + ") `touch " + marker + "` ; touch " + marker}, "exit-code=2"},
		// As a flag, --all would verify the catalog's three servers (exit 3).
		{"flag in args", map[string]string{"INPUT_COMMAND": "verify", "INPUT_ARGS": "--all", "INPUT_CATALOG": catalog}, "exit-code=2"},
		{"shell in format", map[string]string{"INPUT_COMMAND": "lint", "INPUT_FORMAT": "json; touch " + marker}, "format 'json; touch"},
		{"bad command", map[string]string{"INPUT_COMMAND": "pin"}, "command 'pin' is not"},
		{"bad head", map[string]string{"INPUT_COMMAND": "review", "INPUT_HEAD": "HEAD; touch " + marker}, "head 'HEAD; touch"},
		{"bad agent", map[string]string{"INPUT_COMMAND": "review", "INPUT_AGENT": "gpt"}, "agent 'gpt'"},
		{"shard past shards", map[string]string{"INPUT_COMMAND": "verify", "INPUT_SHARD": "4", "INPUT_SHARDS": "3"}, "want 1 <= shard <= shards"},
		{"shard not a number", map[string]string{"INPUT_COMMAND": "verify", "INPUT_SHARD": "1/2", "INPUT_SHARDS": "3"}, "want 1 <= shard <= shards"},
		{"shards and servers", map[string]string{"INPUT_COMMAND": "verify", "INPUT_SHARD": "1", "INPUT_SHARDS": "2", "INPUT_ARGS": "x"}, "not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.WriteFile(r.env["GITHUB_OUTPUT"], nil, 0o644)
			out, code := r.step("run", tt.env)
			got := out + r.read("output")
			if !strings.Contains(got, tt.want) {
				t.Errorf("exit %d, want %q in:\n%s", code, tt.want, got)
			}
			if strings.HasPrefix(tt.want, "exit-code=") {
				if code != 0 {
					t.Errorf("exit %d, want 0 with the code in GITHUB_OUTPUT", code)
				}
			} else if code != 2 || !strings.Contains(out, "::error") || r.read("output") != "" {
				t.Errorf("exit %d, output %q; want exit 2, an ::error and no outputs", code, r.read("output"))
			}
			if _, err := os.Stat(marker); err == nil {
				t.Fatal("an input ran as shell")
			}
		})
	}
}

// action.yml hands every input to the script through env: no ${{ }} in any
// run: text, where an input would become shell.
func TestActionYAMLNeverInterpolatesIntoShell(t *testing.T) {
	b, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]any `yaml:"inputs"`
		Runs   struct {
			Using string `yaml:"using"`
			Steps []struct {
				Run  string            `yaml:"run"`
				Uses string            `yaml:"uses"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("runs = %+v, want a composite action", action.Runs)
	}
	passed := map[string]bool{}
	for _, s := range action.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("run: interpolates an expression into shell: %q", s.Run)
		}
		for _, v := range s.Env {
			if name, ok := strings.CutPrefix(strings.TrimSpace(v), "${{ inputs."); ok {
				passed[strings.TrimSuffix(name, " }}")] = true
			}
		}
	}
	for name := range action.Inputs {
		if !passed[name] {
			t.Errorf("input %q never reaches the script", name)
		}
	}
}

// gitRepo makes a one-commit git repository with a harmless source file.
func gitRepo(t *testing.T) (dir, head string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return dir, strings.TrimSpace(string(out))
}

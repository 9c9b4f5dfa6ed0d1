package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

// reviewRepo makes a local git repository with one harmless commit.
func reviewRepo(t *testing.T) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "server.js"), []byte("export const add = (a, b) => a + b;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var head string
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "add"}, {"rev-parse", "HEAD"}} {
		cmd := exec.Command("git", append([]string{"-c", "init.defaultBranch=main", "-c", "user.name=T", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		head = strings.TrimSpace(string(out))
	}
	return dir, head
}

// TestDockerPluginReviewPrescan: the pre-scan alone needs no engine and no
// key, and the hidden proxy command stays out of the help.
func TestDockerPluginReviewPrescan(t *testing.T) {
	env := dockerEnv(t)
	dir, head := reviewRepo(t)
	out := filepath.Join(t.TempDir(), "out")
	r := docker(t, env, "mcptrust", "review", dir, "--head", head, "--agent", "prescan", "--output", out)
	if r.code != 0 || !strings.Contains(r.stdout, "verdict: PASS") {
		t.Fatalf("docker mcptrust review --agent prescan = %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "report.md")); err != nil {
		t.Errorf("no report.md: %v", err)
	}
	if r := docker(t, env, "mcptrust", "--help"); strings.Contains(r.stdout, "reviewer-proxy") {
		t.Errorf("docker mcptrust --help lists the hidden reviewer-proxy:\n%s", r.stdout)
	}
}

// TestDockerPluginReviewAgent runs the whole review through the real
// docker client: the proxy image is the plugin's own static mcptrust
// binary (os.Executable), the agent a FROM-scratch test agent that never
// calls the proxy, so nothing leaves the machine.
func TestDockerPluginReviewAgent(t *testing.T) {
	env := dockerEnv(t)
	testenv.NeedDockerEngine(t)
	image := buildGoodAgent(t)
	t.Cleanup(func() { removeProxyImage(t) })
	dir, head := reviewRepo(t)
	out := filepath.Join(t.TempDir(), "out")
	env = append(env, "ANTHROPIC_API_KEY=sk-ant-e2e-SENTINEL")
	r := docker(t, env, "mcptrust", "review", dir, "--head", head, "--agent", "claude", "--agent-image", image,
		"--allow-old-engine", "--timeout", "2m", "--output", out)
	if r.code != 0 || !strings.Contains(r.stdout, "verdict: PASS") {
		t.Fatalf("docker mcptrust review --agent claude = %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	labels, err := os.ReadFile(filepath.Join(out, "labels.txt"))
	if err != nil || string(labels) != "security-risk:low\n" {
		t.Errorf("labels.txt = %q, %v", labels, err)
	}
	if strings.Contains(r.stdout+r.stderr, "SENTINEL") {
		t.Error("the review's output shows the API key")
	}
	r = docker(t, env, "mcptrust", "review", dir, "--head", head, "--agent", "claude", "--agent-image", image, "--output", out)
	if ver := dockerServerVersion(t); engine.DNSLeakFixed(ver) {
		t.Logf("engine %s: the old-engine refusal does not apply", ver)
	} else if r.code != 3 || !strings.Contains(r.stderr, "CVE-2024-29018") {
		t.Errorf("review on engine %s without --allow-old-engine = %d, want 3 naming CVE-2024-29018:\n%s", ver, r.code, r.stderr)
	}
}

func dockerServerVersion(t *testing.T) string {
	out, err := exec.Command("docker", "version", "--format", "{{.Server.Version}}").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// buildGoodAgent builds the well-behaved test agent into a FROM-scratch
// image with a test-unique tag, removed when the test ends.
func buildGoodAgent(t *testing.T) string {
	t.Helper()
	ctxDir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(ctxDir, "agent"), "../reviewer/testdata/agents/good")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the test agent: %v\n%s", err, out)
	}
	df := "FROM scratch\nCOPY agent /agent\nUSER 65532\nENTRYPOINT [\"/agent\"]\n"
	if err := os.WriteFile(filepath.Join(ctxDir, "Dockerfile"), []byte(df), 0o644); err != nil {
		t.Fatal(err)
	}
	tag := "mcptrust-e2e-agent:" + filepath.Base(ctxDir)
	if out, err := exec.Command("docker", "build", "-q", "-t", tag, ctxDir).CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("docker", "image", "rm", "-f", tag).Run() })
	return tag
}

// removeProxyImage removes the proxy image the review built from this
// test's mcptrust binary.
func removeProxyImage(t *testing.T) {
	tag, err := engine.ProxyImageTag(engine.ProxyBinary{Path: filepath.Join(binDir, "mcptrust")})
	if err != nil {
		t.Error(err)
		return
	}
	if out, err := exec.Command("docker", "image", "rm", tag).CombinedOutput(); err != nil {
		t.Errorf("removing %s: %v: %s", tag, err, out)
	}
}

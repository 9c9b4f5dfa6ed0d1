package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

const e2ePin = "3333333333333333333333333333333333333333"

// TestDockerPluginVerify runs `docker mcptrust verify` through the real
// docker client against a real registry on loopback with real signatures.
func TestDockerPluginVerify(t *testing.T) {
	env := dockerEnv(t)
	reg := verifytest.NewRegistry()
	defer reg.Close()
	sc, err := reg.SeedScenarios(e2ePin, e2ePin)
	if err != nil {
		t.Fatal(err)
	}
	key, rekor := sc.Key, sc.Rekor
	dir := t.TempDir()
	var cat strings.Builder
	cat.WriteString("name: e2e\nregistry:\n")
	for _, n := range []string{"good", "unsigned"} {
		fmt.Fprintf(&cat, "  %s:\n    type: server\n    title: %s\n    image: %s/mcp/%s\n    source: https://github.com/example/%s/tree/%s\n", n, n, reg.Host, n, n, e2ePin)
	}
	files := map[string][]byte{"catalog.yaml": []byte(cat.String()), "key.pub": key.PublicPEM(), "rekor.pub": rekor.PublicPEM()}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := func(server string) []string {
		return []string{"mcptrust", "verify", "--catalog", filepath.Join(dir, "catalog.yaml"),
			"--key", filepath.Join(dir, "key.pub"), "--rekor-key", filepath.Join(dir, "rekor.pub"), server}
	}
	r := docker(t, env, args("good")...)
	if r.code != 0 || !strings.Contains(r.stdout, "verdict: VERIFIED") || !strings.Contains(r.stdout, "run: "+reg.Host+"/mcp/good@sha256:") {
		t.Errorf("docker mcptrust verify good = %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = docker(t, env, args("unsigned")...)
	if r.code != 1 || !strings.Contains(r.stdout, "no signatures") {
		t.Errorf("docker mcptrust verify unsigned = %d, want 1:\n%s%s", r.code, r.stdout, r.stderr)
	}
	reg.Close()
	r = docker(t, env, args("good")...)
	if r.code != 3 {
		t.Errorf("docker mcptrust verify with the registry gone = %d, want 3:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestDockerPluginDemo(t *testing.T) {
	env := dockerEnv(t)
	r := docker(t, env, "mcptrust", "demo")
	if r.code != 0 || !strings.Contains(r.stderr, "scenarios got the verdict they should") {
		t.Errorf("docker mcptrust demo = %d:\n%s", r.code, r.stderr)
	}
}

package commands

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCheckoutServer writes dir/servers/folder/server.yaml naming image.
func writeCheckoutServer(t *testing.T, dir, folder, name, image string) {
	t.Helper()
	p := filepath.Join(dir, "servers", folder)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := fmt.Sprintf("name: %s\nimage: %s\ntype: server\nsource:\n  project: https://github.com/example/%s\n  commit: %s\n", name, image, name, pinA)
	if err := os.WriteFile(filepath.Join(p, "server.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
}

// `verify good` in a checkout where servers/aaa/ also claims the name good
// verifies the real servers/good/ (signed), never the impostor (unsigned):
// THREATS A11.
func TestVerifyNeverUsesAnImpostorFolder(t *testing.T) {
	w := newSignedWorld(t)
	dir := t.TempDir()
	writeCheckoutServer(t, dir, "good", "good", w.reg.Host+"/mcp/good")
	writeCheckoutServer(t, dir, "aaa", "good", w.reg.Host+"/mcp/unsigned")
	r := runCommand(t, false, "verify", "--catalog", dir, "--key", w.key, "--rekor-key", w.rekor, "good")
	if r.err != nil || !strings.Contains(r.stdout, "/mcp/good@sha256:") || strings.Contains(r.stdout, "unsigned") {
		t.Errorf("verify good: %v\n%s", r.err, r.stdout)
	}
}

// A name defined twice in a catalog file is refused for both entries:
// `verify good` is bad input (exit 2) naming the file, and nothing is
// verified.
func TestVerifyRefusesADuplicatedName(t *testing.T) {
	w := newSignedWorld(t)
	doc := fmt.Sprintf("servers:\n  - name: good\n    type: server\n    image: %[1]s/mcp/good\n  - name: good\n    type: server\n    image: %[1]s/mcp/unsigned\n", w.reg.Host)
	file := filepath.Join(t.TempDir(), "artifact.yaml")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	w.reg.Log().Reset()
	r := runCommand(t, false, "verify", "--catalog", file, "--key", w.key, "--rekor-key", w.rekor, "good")
	if ExitCode(r.err) != ExitInput || !strings.Contains(r.err.Error(), "artifact.yaml") || !strings.Contains(r.err.Error(), "also defined") {
		t.Errorf("verify good (defined twice): exit %d, %v", ExitCode(r.err), r.err)
	}
	if n := len(w.reg.Log().Requests()); n != 0 {
		t.Errorf("the registry received %d requests", n)
	}
}

// With no real servers/good/, the impostor servers/aaa/ claiming good is
// still refused, and verify says why (exit 2).
func TestVerifyNamesTheRefusedImpostor(t *testing.T) {
	w := newSignedWorld(t)
	dir := t.TempDir()
	writeCheckoutServer(t, dir, "aaa", "good", w.reg.Host+"/mcp/good")
	r := runCommand(t, false, "verify", "--catalog", dir, "--key", w.key, "--rekor-key", w.rekor, "good")
	if ExitCode(r.err) != ExitInput || !strings.Contains(r.err.Error(), `differs from its folder "aaa"`) {
		t.Errorf("verify good (only an impostor): exit %d, %v", ExitCode(r.err), r.err)
	}
}

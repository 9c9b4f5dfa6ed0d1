package prescan

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// generatedFixtures make fixture sets that are not committed: file names
// with hidden characters would be hostile to every tool that lists the
// repository.
var generatedFixtures = map[string]func(t *testing.T, kind string) string{
	"filename-unicode": func(t *testing.T, kind string) string {
		dir := t.TempDir()
		names := map[string][]string{
			"pos": {"src/invoice\u202Efdp.js", "src/zero\u200Bwidth.py", "docs/tag\U000E0041.md"},
			"neg": {"src/invoice.js", "docs/café-menu.md", "src/日本語.ts"},
		}[kind]
		for _, n := range names {
			mustWrite(t, filepath.Join(dir, filepath.FromSlash(n)), "const a = 1;\n")
		}
		return dir
	},
}

// A file that already had a network import gains another: not the first
// (issue 9 item 8), while a file that had none is.
func TestPrescanFirstNetworkImport(t *testing.T) {
	head := t.TempDir()
	mustWrite(t, filepath.Join(head, "had.py"), "import requests\nimport json\nimport httpx\n")
	mustWrite(t, filepath.Join(head, "new.py"), "import json\nimport os\nimport httpx\n")
	diff := "diff --git a/had.py b/had.py\nindex 1111111..2222222 100644\n--- a/had.py\n+++ b/had.py\n" +
		"@@ -1,2 +1,3 @@\n import requests\n import json\n+import httpx\n" +
		"diff --git a/new.py b/new.py\nindex 1111111..2222222 100644\n--- a/new.py\n+++ b/new.py\n" +
		"@@ -1,2 +1,3 @@\n import json\n import os\n+import httpx\n"
	s := newTestScanner(t)
	res, err := s.ScanDiff(context.Background(), strings.NewReader(diff), ScanOptions{HeadDir: head})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range res.Findings {
		if f.Rule == "net-first-import" {
			files = append(files, f.File)
		}
	}
	if len(files) != 1 || files[0] != "new.py" {
		t.Errorf("net-first-import findings in %v, want only new.py", files)
	}
}

// Absolute targets, Windows drive paths and links that climb out from a
// subdirectory leave the repository; links that stay inside do not.
func TestPrescanSymlinkTargets(t *testing.T) {
	outside := t.TempDir()
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "a", "b", "ok.txt"), "ok\n")
	links := map[string]bool{
		"abs":        true,
		"a/up":       true,
		"a/b/inside": false,
		"a/b/sib":    false,
	}
	targets := map[string]string{"abs": outside, "a/up": "../../x", "a/b/inside": "ok.txt", "a/b/sib": "../b/ok.txt"}
	for name, target := range targets {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	res := scanFixtureTree(t, newTestScanner(t), dir, ScanOptions{})
	got := map[string]bool{}
	for _, f := range res.Findings {
		if f.Rule == "symlink-outside" {
			got[f.File] = true
		}
	}
	for name, want := range links {
		if got[name] != want {
			t.Errorf("symlink %s -> %s: flagged %t, want %t", name, targets[name], got[name], want)
		}
	}
	if got := string(linkTarget("a/link", []byte(`C:\x`))); got != `C:\x` {
		t.Errorf("linkTarget(drive path) = %q, want it unresolved", got)
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"express", "expres", true},
		{"express", "expresss", true},
		{"express", "exprass", true},
		{"requests", "reqeusts", true},
		{"express", "express", false},
		{"express", "exprss2", false},
		{"lodash", "ldoahs", false},
		{"abcd", "badc", false},
	}
	for _, tt := range tests {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %t, want %t", tt.a, tt.b, got, tt.want)
		}
	}
	if got := nearName([]string{"python-dateutil"}, "Python_DateUtil"); got != "" {
		t.Errorf("nearName(normalised equal) = %q, want none", got)
	}
}

// A symlink is still judged by its path in differential mode (a linked
// .mcp.json is agent configuration), and only by the symlink rules in full
// mode (a library's .so link is not a binary).
func TestPrescanSymlinkPathRules(t *testing.T) {
	s := newTestScanner(t)
	var b bytes.Buffer
	writeAddedSymlink(&b, ".mcp.json", "config/mcp.json")
	res, err := s.ScanDiff(context.Background(), &b, ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleSeverity(res, "agent-config"); got != risk.High {
		t.Errorf("ScanDiff(symlinked .mcp.json): agent-config = %v, want high", got)
	}
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "lib", "libfoo.so.1"), "x")
	if err := os.Symlink("libfoo.so.1", filepath.Join(dir, "lib", "libfoo.so")); err != nil {
		t.Fatal(err)
	}
	res = scanFixtureTree(t, s, dir, ScanOptions{})
	for _, f := range res.Findings {
		if f.File == "lib/libfoo.so" {
			t.Errorf("ScanTree: symlink lib/libfoo.so reported %+v, want nothing", f)
		}
	}
}

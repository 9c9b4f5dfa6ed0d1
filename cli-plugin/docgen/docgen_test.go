package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// committed is the docs/ directory at the repository root.
const committed = "../../docs"

// The committed pages must be exactly what the command tree generates now:
// a flag or command added without `make docs` fails here.
func TestDocsAreCurrent(t *testing.T) {
	fresh := t.TempDir()
	if err := generate(fresh); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{markdownDir, manDir} {
		want := readTree(t, filepath.Join(fresh, sub))
		got := readTree(t, filepath.Join(committed, sub))
		for name, page := range want {
			old, ok := got[name]
			switch {
			case !ok:
				t.Errorf("docs/%s/%s is missing: run make docs", sub, name)
			case !bytes.Equal(old, page):
				t.Errorf("docs/%s/%s is stale: run make docs", sub, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("docs/%s/%s documents no current command: run make docs", sub, name)
			}
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v (run make docs)", dir, err)
	}
	pages := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		pages[e.Name()] = b
	}
	return pages
}

// One Markdown page and one man page per visible command, none for hidden
// ones, and no date in any page.
func TestGeneratedPages(t *testing.T) {
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	md := readTree(t, filepath.Join(dir, markdownDir))
	man := readTree(t, filepath.Join(dir, manDir))
	visible := 0
	visit(tree(), func(c *cobra.Command) {
		path := c.CommandPath()
		_, hasMD := md[strings.ReplaceAll(path, " ", "_")+".md"]
		_, hasMan := man[strings.ReplaceAll(path, " ", "-")+".1"]
		if !c.IsAvailableCommand() {
			if hasMD || hasMan {
				t.Errorf("hidden command %q is documented", path)
			}
			return
		}
		visible++
		if !hasMD || !hasMan {
			t.Errorf("%q: markdown page %v, man page %v; want both", path, hasMD, hasMan)
		}
	})
	if visible < 10 || len(md) != visible || len(man) != visible {
		t.Errorf("%d visible commands, %d markdown pages, %d man pages", visible, len(md), len(man))
	}
	for name, page := range man {
		if !bytes.HasPrefix(page, []byte(".nh\n.TH ")) || !bytes.Contains(page, []byte(`" "1" "" "mcptrust"`)) {
			t.Errorf("%s: title line carries a date or is missing:\n%.120s", name, page)
		}
	}
	for name, page := range md {
		if bytes.Contains(page, []byte("Auto generated")) || !bytes.HasPrefix(page, []byte(generated)) {
			t.Errorf("%s: carries cobra's dated footer or lacks the generated note", name)
		}
	}
}

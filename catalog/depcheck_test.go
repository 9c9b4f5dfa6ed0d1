package catalog

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// catalog may import the standard library, gopkg.in/yaml.v3,
// internal/imageref (the one home of image-reference rules, itself held to
// the standard library and go-containerregistry's name package by
// internal/depcheck), internal/sanitize (the one set of unsafe
// characters, standard library only), internal/hashedfile (the download
// caches' file format, standard library only) and internal/machinekey (the
// caches' MAC key, standard library only) only (STYLE.md: who may import whom); catalogtest only
// the standard library.
func TestImports(t *testing.T) {
	const imageref = "github.com/mcp-trust/mcp-trust/internal/imageref"
	const sanitize = "github.com/mcp-trust/mcp-trust/internal/sanitize"
	const hashedfile = "github.com/mcp-trust/mcp-trust/internal/hashedfile"
	const machinekey = "github.com/mcp-trust/mcp-trust/internal/machinekey"
	for dir, extra := range map[string][]string{".": {"gopkg.in/yaml.v3", imageref, sanitize, hashedfile, machinekey}, "catalogtest": nil} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				stdlib := !strings.Contains(strings.SplitN(path, "/", 2)[0], ".")
				if !stdlib && !slices.Contains(extra, path) {
					t.Errorf("%s imports %s: catalog may use the standard library and %v only", f, path, extra)
				}
			}
		}
	}
}

package depcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// trustWords are literals that only internal/trusttext may define: check
// marks, verdict headlines, the signature caveat. A copy elsewhere is how
// "? ERROR" and "? error" came to disagree (issue 12).
var trustWords = []string{
	`"✔ pass`, `"✘ FAIL`, `"- skip`, `"? ERROR`, `"? error`,
	`"VERIFIED`, `"NOT ENFORCEABLE`, `"COULD NOT DECIDE`,
	`"could not decide"`, `"not enforceable"`,
	"not that it is safe", "func HumanAge",
	"AI-generated review (untrusted content)", `"PASS"`, `"RISK "`,
}

func TestTrustWordsHaveOneHome(t *testing.T) {
	root := moduleRoot(t)
	for _, dir := range []string{"tui", "cli-plugin/commands"} {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
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
			for i, line := range strings.Split(string(src), "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "//") {
					continue // a comment may name a word
				}
				for _, w := range trustWords {
					if strings.Contains(line, w) {
						t.Errorf("%s:%d holds %s: trust words live in internal/trusttext", f, i+1, w)
					}
				}
			}
		}
	}
}

// The catalog command prints text, so it takes its words from trusttext,
// never from the UI.
func TestCatalogCommandDoesNotImportTheUI(t *testing.T) {
	f := filepath.Join(moduleRoot(t), "cli-plugin/commands/catalog.go")
	parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range parsed.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == module+"/tui" {
			t.Errorf("%s imports %s; its words come from internal/trusttext", f, p)
		}
	}
}

// realRunners are the reviewer functions that do git or Docker work; the
// command layer chooses them in one place (issue 12 item 5), so a test can
// swap them through the Factory and no command runs git behind its back.
var realRunners = map[string]bool{"Run": true, "LsRemote": true, "ChangedFiles": true}

func TestCommandsChooseRunnersInTheFactory(t *testing.T) {
	dir := filepath.Join(moduleRoot(t), "cli-plugin", "commands")
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	home := map[string]bool{"factory.go": true, "runners.go": true}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(parsed, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || !realRunners[sel.Sel.Name] {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "reviewer" {
				found++
				if !home[filepath.Base(f)] {
					t.Errorf("%s uses reviewer.%s; commands take it from the Factory (factory.go, runners.go)", f, sel.Sel.Name)
				}
			}
			return true
		})
	}
	if found == 0 {
		t.Error("no use of reviewer.Run, LsRemote or ChangedFiles found in cli-plugin/commands: is the check looking in the right place?")
	}
}

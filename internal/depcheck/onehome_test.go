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

// goFiles lists the Go files under dir (relative to the module root),
// test files too when tests is set, skipping testdata.
func goFiles(t *testing.T, dir string, tests bool) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(moduleRoot(t), dir), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), "_") || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && (tests || !strings.HasSuffix(p, "_test.go")) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// holding reports the files among files whose source contains any of words.
func holding(t *testing.T, files []string, words ...string) []string {
	t.Helper()
	var out []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			if strings.Contains(string(src), w) {
				out = append(out, f+" ("+w+")")
			}
		}
	}
	return out
}

// Goldens are compared by x/exp/golden, whose -update flag rewrites them;
// a package defining its own flag is a second golden helper (issue 12).
func TestGoldenHelperHasOneHome(t *testing.T) {
	files := goFiles(t, ".", true)
	if len(files) < 100 {
		t.Fatalf("found %d Go files in the module; is the walk rooted right?", len(files))
	}
	for _, f := range holding(t, files, "flag.Bool("+`"update"`) { // split: this file is walked too
		t.Errorf("%s: goldens use github.com/charmbracelet/x/exp/golden and its -update flag", f)
	}
}

// Bounded fan-out in the commands, the UI and the Docker-reviews lookups
// goes through internal/pool, not a hand-written semaphore (issue 12).
func TestWorkerPoolHasOneHome(t *testing.T) {
	for _, dir := range []string{"cli-plugin/commands", "tui", "dockerreviews"} {
		for _, f := range holding(t, goFiles(t, dir, false), "sync.WaitGroup", "make(chan struct{}, ") {
			t.Errorf("%s: a bounded worker pool is internal/pool.Run", f)
		}
	}
}

package depcheck

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// verifySigstoreFree: what package verify (its non-test files, through the
// whole graph) must not link, because verify checks classic signatures,
// keys and transparency-log trust with its own code (verify/internal/sigkeys
// and cosignsig): these packages' inits cost every mcptrust start (issue
// 11, goal 1). Tests and verify/verifytest may import them as the reference
// that proves our code compatible.
var verifySigstoreFree = []string{
	"github.com/sigstore/cosign",
	"github.com/sigstore/sigstore/",
}

// verifySigstoreFreeLater joins verifySigstoreFree once bundles.go checks
// sigstore bundles with sigkeys too and bundles_legacy.go is gone.
var verifySigstoreFreeLater = []string{
	"github.com/sigstore/sigstore-go",
	"github.com/sigstore/rekor",
	"github.com/sigstore/protobuf-specs",
	"github.com/go-openapi/",
}

// bundleFiles are the files of package verify that still use cosign and
// sigstore-go for sigstore bundles; the rules exempt them while
// bundles_legacy.go exists.
var bundleFiles = []string{"bundles.go", "bundles_legacy.go"}

// TestVerifyLinksNoSigstore: package verify links neither cosign nor
// sigstore/sigstore; until bundles_legacy.go is deleted, only the bundle
// files may import them, and verify's own internal packages import none of
// github.com/sigstore at all.
func TestVerifyLinksNoSigstore(t *testing.T) {
	root := moduleRoot(t)
	dir := filepath.Join(root, "verify")
	if _, err := os.Stat(filepath.Join(dir, "bundles_legacy.go")); err != nil {
		forbidden := append(append([]string{}, verifySigstoreFree...), verifySigstoreFreeLater...)
		for _, dep := range packageDeps(t, root, "./verify") {
			checkForbidden(t, "package verify", dep, forbidden)
		}
	} else {
		checkFileImports(t, dir, append(append([]string{}, verifySigstoreFree...), verifySigstoreFreeLater...))
	}
	for _, dep := range packageDeps(t, root, "./verify/internal/...") {
		checkForbidden(t, "verify/internal", dep, []string{"github.com/sigstore/", "github.com/go-openapi/"})
	}
}

// checkFileImports checks the direct imports of verify's non-test files,
// bundle files aside.
func checkFileImports(t *testing.T, dir string, forbidden []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasSuffix(base, "_test.go") || slices.Contains(bundleFiles, base) {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			checkForbidden(t, "verify/"+base, p, forbidden)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("checked %d files of package verify, want its non-test files", checked)
	}
}

func checkForbidden(t *testing.T, who, dep string, forbidden []string) {
	t.Helper()
	for _, bad := range forbidden {
		if strings.HasPrefix(dep, bad) {
			t.Errorf("%s depends on %s: verify checks signatures with verify/internal/sigkeys and cosignsig", who, dep)
		}
	}
}

// packageDeps is the whole non-standard dependency graph of the packages
// matching pattern, without their tests.
func packageDeps(t *testing.T, root, pattern string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pattern)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pattern, err)
	}
	return strings.Fields(string(out))
}

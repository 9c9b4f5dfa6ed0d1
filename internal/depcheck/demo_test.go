package depcheck

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// signingStack is what `mcptrust demo` must not link (issue 11, goal 1):
// cosign, sigstore, sigstore-go, rekor and its go-openapi models, and
// protobuf. The demo signs with internal/demo/demosign (standard library)
// and seeds through internal/ocitest; verify/verifytest, which signs with
// cosign, is for tests only.
var signingStack = []string{
	"github.com/sigstore/", "github.com/go-openapi/", "github.com/asaskevich/govalidator",
	"google.golang.org/protobuf", module + "/verify/verifytest",
}

func TestDemoLinksNoSigningStack(t *testing.T) {
	root := moduleRoot(t)
	graph := importGraph(t, root, "./internal/demo/...")
	var walk func(pkg string, path []string)
	seen := map[string]bool{}
	walk = func(pkg string, path []string) {
		if seen[pkg] {
			return
		}
		seen[pkg] = true
		path = append(path, pkg)
		if inSigningStack(pkg) {
			t.Errorf("the demo links %s: %s", pkg, strings.Join(path, " -> "))
			return
		}
		for _, imp := range graph[pkg] {
			walk(imp, path)
		}
	}
	for pkg := range graph {
		if strings.HasPrefix(pkg, module+"/internal/demo") {
			walk(pkg, nil)
		}
	}
}

func inSigningStack(pkg string) bool {
	for _, p := range signingStack {
		if strings.HasPrefix(pkg, p) {
			return true
		}
	}
	return false
}

// importGraph maps every non-standard package in the dependency graph of
// pattern to its imports.
func importGraph(t *testing.T, root, pattern string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Standard", pattern)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pattern, err)
	}
	graph := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath string
			Imports    []string
			Standard   bool
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return graph
		} else if err != nil {
			t.Fatalf("reading go list output: %v", err)
		}
		if !p.Standard {
			graph[p.ImportPath] = p.Imports
		}
	}
}

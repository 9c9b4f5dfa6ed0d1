package depcheck

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sigstoreFree are files of package verify that must not import the
// sigstore stack themselves: the bundle path goes through sgbundle, and
// only bundles_adapt.go bridges to the sigstore-typed key and trust root.
var sigstoreFree = []string{"verify/bundles.go"}

var sigstoreStack = []string{"github.com/sigstore/", "google.golang.org/protobuf", "github.com/go-openapi/", "github.com/in-toto/"}

func TestBundlePathImportsNoSigstore(t *testing.T) {
	root := moduleRoot(t)
	for _, file := range sigstoreFree {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, file), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range sigstoreStack {
				if strings.HasPrefix(path, bad) {
					t.Errorf("%s imports %s; the bundle path must go through verify/internal/sgbundle", file, path)
				}
			}
		}
	}
}

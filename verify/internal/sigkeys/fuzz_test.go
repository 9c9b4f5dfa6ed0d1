package sigkeys_test

import (
	"testing"

	"github.com/sigstore/sigstore-go/pkg/root"

	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// FuzzLogKeysFromTrustedRoot: on any input, LogKeysFromTrustedRoot accepts
// exactly what sigstore-go's NewTrustedRootFromJSON accepts, and then agrees
// with it on every Rekor log's key and window.
func FuzzLogKeysFromTrustedRoot(f *testing.F) {
	for _, c := range rootCases(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, rootJSON []byte) {
		want, werr := root.NewTrustedRootFromJSON(rootJSON)
		got, err := sigkeys.LogKeysFromTrustedRoot(rootJSON)
		if (err == nil) != (werr == nil) {
			t.Fatalf("LogKeysFromTrustedRoot(%q) error = %v, sigstore-go error = %v", rootJSON, err, werr)
		}
		if werr != nil {
			return
		}
		for id, tl := range want.RekorLogs() {
			compareLog(t, got, id, tl)
		}
	})
}

package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/catalog/catalogtest"
)

// BenchmarkLoadGenerated50k: Load + index of a 50,000-entry published
// catalog (about 40 MB of YAML). Target: <= 1 s per load.
func BenchmarkLoadGenerated50k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "catalog-50k.yaml")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := catalogtest.WriteCatalog(f, 50000); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	for b.Loop() {
		c, err := Load(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := c.Lookup("server-025000"); !ok || len(c.Servers) != 50000 {
			b.Fatalf("Load(generated) = %d servers, want 50000 and an index", len(c.Servers))
		}
	}
}

// BenchmarkParseHostile: refusing hostile server.yaml files (A1, A8) next to
// parsing the valid alpha fixture in the same run, so the cost reads as a
// ratio against the baseline (target: each hostile case within 1 s; the
// unit tests bound only their memory, never their wall-clock time).
func BenchmarkParseHostile(b *testing.B) {
	alpha, err := os.ReadFile("testdata/checkout/servers/alpha/server.yaml")
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"baseline-alpha", string(alpha), true},
		{"billion-laughs", billionLaughs, false},
		{"nesting-70", "name: x\nmeta: " + strings.Repeat("{a: ", 70) + "1" + strings.Repeat("}", 70) + "\n", false},
		{"million-brackets", strings.Repeat("[", 1_000_000), false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				if _, err := ParseServer([]byte(c.in), "f.yaml"); (err == nil) != c.ok {
					b.Fatalf("ParseServer(%s) = %v, want ok=%v", c.name, err, c.ok)
				}
			}
		})
	}
}

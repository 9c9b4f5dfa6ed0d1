package catalog

import (
	"context"
	"os"
	"path/filepath"
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

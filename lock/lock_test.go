package lock_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/lock"
)

const (
	d1  = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
	d2  = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
	pin = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
)

func entry() lock.Entry {
	i := int64(42)
	return lock.Entry{Image: "mcp/x", Digest: d1, Platforms: map[string]string{"linux/amd64": d2}, Pin: pin,
		SignerKey: d2, RekorLogIndex: &i, Source: "https://github.com/acme/x", Catalog: "demo",
		LockedAt: time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)}
}

func sample() *lock.File {
	f := lock.New()
	f.Servers["zeta"] = entry()
	f.Servers["alpha"] = entry()
	return f
}

// TestRoundTrip: what Write writes, Read reads back; servers are sorted,
// one block each.
func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mcptrust.lock")
	if err := lock.Write(path, sample()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if a, z := strings.Index(string(data), `"alpha"`), strings.Index(string(data), `"zeta"`); a < 0 || z < a {
		t.Errorf("servers not sorted:\n%s", data)
	}
	got, err := lock.Read(path)
	if err != nil {
		t.Fatalf("Read(Write(f)) error = %v\n%s", err, data)
	}
	if len(got.Servers) != 2 || len(lock.Diff(got.Servers["alpha"], entry())) != 0 || *got.Servers["zeta"].RekorLogIndex != 42 {
		t.Errorf("Read(Write(f)) = %+v", got.Servers)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("Write left %d files in the directory, want 1", len(ents))
	}
}

// TestWriteFailureLeavesNothing: when the final rename fails (the path is
// a directory), no temporary file is left behind and what was there stays.
func TestWriteFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mcptrust.lock")
	if err := os.MkdirAll(filepath.Join(path, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := lock.Write(path, sample()); err == nil {
		t.Fatal("Write over a non-empty directory succeeded")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "mcptrust.lock" || !ents[0].IsDir() {
		t.Errorf("after a failed Write the directory holds %v, want only the old mcptrust.lock", ents)
	}
}

func TestReadMissing(t *testing.T) {
	_, err := lock.Read(filepath.Join(t.TempDir(), "none.lock"))
	if !errors.Is(err, lock.ErrNotExist) {
		t.Errorf("Read(missing) error = %v, want ErrNotExist", err)
	}
}

// TestParseRefuses: the lock file is parsed as strictly as a catalog.
func TestParseRefuses(t *testing.T) {
	good, err := sample().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	g := string(good)
	tests := []struct{ name, data, want string }{
		{"not JSON", "servers: {}", "invalid character"},
		{"an array", "[]", "not a JSON object"},
		{"duplicate server", strings.Replace(g, `"zeta"`, `"alpha"`, 1), `duplicate key "alpha"`},
		{"duplicate field", strings.Replace(g, `"pin": "`+pin+`",`, `"pin": "`+pin+`", "pin": "`+pin+`",`, 1), `duplicate key "pin"`},
		{"unknown field", strings.Replace(g, `"pin":`, `"pinned": "x", "pin":`, 1), `unknown field "pinned"`},
		{"trailing data", g + "{}", "trailing data"},
		{"wrong version", strings.Replace(g, `"version": 1`, `"version": 2`, 1), "version 2"},
		{"bad digest", strings.Replace(g, d1, "sha256:abc", 1), `digest "sha256:abc"`},
		{"bad pin", strings.Replace(g, pin, "main", 1), `pin "main"`},
		{"bad name", strings.Replace(g, `"zeta"`, `"Zeta\u001b[2J"`, 1), "server name"},
		{"bad platform", strings.Replace(g, `"linux/amd64"`, `"linux"`, 1), `platform "linux"`},
		{"long string", strings.Replace(g, `"demo"`, `"`+strings.Repeat("x", 2000)+`"`, 1), "2000 bytes exceeds"},
		{"deep", `{"version": 1, "servers": {"a": {"platforms": [[[[[[[[[]]]]]]]]]}}}`, "nested deeper"},
		{"no servers", `{"version": 1}`, "no servers object"},
		{"too big", `{"version": 1, "servers": {}, "x": "` + strings.Repeat(" ", lock.MaxBytes) + `"}`, "exceeds the 8 MiB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lock.Parse([]byte(tt.data), "dir/mcptrust.lock")
			var pe *lock.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "dir/mcptrust.lock") {
				t.Errorf("Parse(%s) error = %v, want a ParseError naming the file and containing %q", tt.name, err, tt.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	a := entry()
	b := entry()
	b.Digest, b.SignerKey, b.LockedAt = d2, d1, time.Now()
	b.Catalog = "elsewhere"
	got := lock.Diff(a, b)
	if len(got) != 2 || got[0].Field != "digest" || got[0].Old != d1 || got[0].New != d2 || got[1].Field != "signer_key" {
		t.Errorf("Diff = %+v, want digest and signer_key only", got)
	}
}

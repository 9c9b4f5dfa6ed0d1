package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

const (
	oldPin = "1111111111111111111111111111111111111111"
	newPin = "abcdef0123456789abcdef0123456789abcdef01"
)

func TestRewritePin(t *testing.T) {
	head := "name: x\ntype: server\n"
	tests := []struct {
		name, in, want string
	}{
		{"unquoted", head + "source:\n  project: https://github.com/o/r\n  commit: " + oldPin + "\n",
			head + "source:\n  project: https://github.com/o/r\n  commit: " + newPin + "\n"},
		{"single-quoted", head + "source:\n  commit: '" + oldPin + "'\n", head + "source:\n  commit: '" + newPin + "'\n"},
		{"double-quoted", head + "source:\n  commit: \"" + oldPin + "\"\n", head + "source:\n  commit: \"" + newPin + "\"\n"},
		{"comments kept, including ones that look like the line",
			"# commit: " + oldPin + "\n" + head + "source: # the build\n  # commit: " + oldPin + " (old)\n  commit: " + oldPin + "   # pinned by hand\n  branch: main\n",
			"# commit: " + oldPin + "\n" + head + "source: # the build\n  # commit: " + oldPin + " (old)\n  commit: " + newPin + "   # pinned by hand\n  branch: main\n"},
		{"CRLF kept", "name: x\r\nsource:\r\n  commit: " + oldPin + "\r\n  branch: main\r\n",
			"name: x\r\nsource:\r\n  commit: " + newPin + "\r\n  branch: main\r\n"},
		{"no final newline", head + "source:\n  commit: " + oldPin, head + "source:\n  commit: " + newPin},
		{"other commit keys untouched", head + "meta:\n  commit: " + oldPin + "\ncommit: " + oldPin + "\nsource:\n  commit: " + oldPin + "\n",
			head + "meta:\n  commit: " + oldPin + "\ncommit: " + oldPin + "\nsource:\n  commit: " + newPin + "\n"},
		{"flow mapping after non-ASCII text", head + "source: {project: \"ü→é\", commit: " + oldPin + ", branch: main}\n",
			head + "source: {project: \"ü→é\", commit: " + newPin + ", branch: main}\n"},
		{"YAML line separator in a comment", "# a\u2028# b\n" + head + "source:\n  commit: " + oldPin + "\n",
			"# a\u2028# b\n" + head + "source:\n  commit: " + newPin + "\n"},
		{"byte order mark", "\ufeffsource: {commit: " + oldPin + "}\n", "\ufeffsource: {commit: " + newPin + "}\n"},
		{"malformed old pin", head + "source:\n  commit: ABC123\n", head + "source:\n  commit: " + newPin + "\n"},
		{"tabs and deeper indent", head + "source:\n      commit:\t" + oldPin + "\n", head + "source:\n      commit:\t" + newPin + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RewritePin([]byte(tt.in), "server.yaml", newPin)
			if err != nil || string(got) != tt.want {
				t.Errorf("RewritePin(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestRewritePinNumericPin: a pin of digits only, written plain, would
// read back as a number, so it is quoted.
func TestRewritePinNumericPin(t *testing.T) {
	digits := strings.Repeat("1234567890", 4)
	in := "source:\n  commit: " + oldPin + "\n"
	got, err := RewritePin([]byte(in), "f", digits)
	if want := "source:\n  commit: \"" + digits + "\"\n"; err != nil || string(got) != want {
		t.Errorf("RewritePin(%q, %s) = %q, %v, want %q", in, digits, got, err, want)
	}
}

func TestRewritePinRefusals(t *testing.T) {
	src := func(commitLine string) string { return "name: x\nsource:\n  project: p\n" + commitLine }
	tests := []struct {
		name, in, pin string
		is            error // nil: any *ParseError
	}{
		{"uppercase new pin", src("  commit: " + oldPin + "\n"), strings.ToUpper(newPin), ErrBadPin},
		{"short new pin", src("  commit: " + oldPin + "\n"), newPin[:12], ErrBadPin},
		{"new pin with a newline", src("  commit: " + oldPin + "\n"), newPin[:39] + "\n", ErrBadPin},
		{"no source", "name: x\n", newPin, ErrNoCommit},
		{"no commit", src(""), newPin, ErrNoCommit},
		{"null commit", src("  commit:\n"), newPin, ErrNoCommit},
		{"empty commit", src("  commit: \"\"\n"), newPin, ErrNoCommit},
		{"commit is a list", src("  commit: [a]\n"), newPin, ErrNoCommit},
		{"source is a scalar", "source: x\n", newPin, ErrNoCommit},
		{"block scalar", src("  commit: |\n    " + oldPin + "\n"), newPin, nil},
		{"value over two lines", src("  commit: 11111111111111111111\n    11111111111111111111\n"), newPin, nil},
		{"escapes", src("  commit: \"\\x31" + oldPin[1:] + "\"\n"), newPin, nil},
		{"doubled quote", src("  commit: 'a''b'\n"), newPin, nil},
		{"tagged", src("  commit: !!str " + oldPin + "\n"), newPin, nil},
		{"anchor", src("  commit: &c " + oldPin + "\n"), newPin, ErrAnchor},
		{"duplicate commit", src("  commit: " + oldPin + "\n  commit: " + oldPin + "\n"), newPin, ErrDuplicateKey},
		{"two documents", src("  commit: " + oldPin + "\n---\nname: y\n"), newPin, ErrMultipleDocuments},
		{"not YAML", "source: [\n", newPin, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RewritePin([]byte(tt.in), "server.yaml", tt.pin)
			var pe *ParseError
			ok := err != nil && got == nil && (tt.is == nil && errors.As(err, &pe) || tt.is != nil && errors.Is(err, tt.is))
			if !ok {
				t.Errorf("RewritePin(%q, %q) = %q, %v, want an error (is %v)", tt.in, tt.pin, got, err, tt.is)
			}
		})
	}
}

func TestUpdatePinFile(t *testing.T) {
	in := "name: x\nsource:\n  commit: " + oldPin + " # keep\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "server.yaml")
	if err := os.WriteFile(path, []byte(in), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := UpdatePinFile(path, oldPin, newPin); err != nil {
		t.Fatalf("UpdatePinFile = %v", err)
	}
	got, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if want := strings.Replace(in, oldPin, newPin, 1); string(got) != want || st.Mode().Perm() != 0o640 {
		t.Errorf("UpdatePinFile: file = %q (mode %v), want %q (mode 0640)", got, st.Mode().Perm(), want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("UpdatePinFile left %d entries in the directory, want only server.yaml", len(entries))
	}
}

func TestUpdatePinFileRefusals(t *testing.T) {
	in := "name: x\nsource:\n  commit: " + oldPin + "\n"
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	if err := os.WriteFile(real, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		testenv.Missing(t, "symlinks not available: %v", err)
	}
	tests := []struct {
		name, path, old, pin string
		is                   error
	}{
		{"pin changed since it was read", real, strings.Repeat("2", 40), newPin, ErrPinChanged},
		{"symlink", link, oldPin, newPin, ErrNotRegular},
		{"missing file", filepath.Join(dir, "none.yaml"), oldPin, newPin, os.ErrNotExist},
		{"bad new pin", real, oldPin, "main", ErrBadPin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := UpdatePinFile(tt.path, tt.old, tt.pin); !errors.Is(err, tt.is) {
				t.Errorf("UpdatePinFile(%s) = %v, want %v", filepath.Base(tt.path), err, tt.is)
			}
			if got, _ := os.ReadFile(real); string(got) != in {
				t.Errorf("UpdatePinFile(%s) changed the file to %q", filepath.Base(tt.path), got)
			}
		})
	}
}

package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records Skip and Fatal instead of stopping.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                        {}
func (r *recorder) Skip(args ...any)               { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatalf(format string, a ...any) { r.failed = fmt.Sprintf(format, a...) }

func TestMissing(t *testing.T) {
	tests := []struct {
		ci         string
		wantFailed bool
	}{
		{"", false}, {"0", false}, {"false", false}, {"FALSE", false},
		{"true", true}, {"1", true}, {"yes", true},
	}
	for _, tt := range tests {
		t.Run("CI="+tt.ci, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			Missing(r, "docker is %s", "gone")
			if tt.wantFailed && (r.failed == "" || r.skipped != "") {
				t.Errorf("CI=%q: Missing skipped (%q), want a failure", tt.ci, r.skipped)
			}
			if !tt.wantFailed && (r.skipped != "docker is gone" || r.failed != "") {
				t.Errorf("CI=%q: Missing = skip %q, fail %q; want the skip %q", tt.ci, r.skipped, r.failed, "docker is gone")
			}
		})
	}
}

func TestNeedCommand(t *testing.T) {
	t.Setenv("CI", "true")
	r := &recorder{TB: t}
	NeedCommand(r, "mcptrust-no-such-program")
	if r.failed == "" {
		t.Error("NeedCommand(a program that does not exist) did not fail in CI")
	}
	r = &recorder{TB: t}
	if p := NeedCommand(r, "go"); p == "" || r.failed != "" || r.skipped != "" {
		t.Errorf("NeedCommand(go) = %q (skip %q, fail %q), want its path", p, r.skipped, r.failed)
	}
}

// The module root is found from any depth, not at a fixed ../..
func TestModuleRootAndSharedPath(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "mod", "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "shared", "snap"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "mod", "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	got, err := ModuleRoot()
	if want := filepath.Join(root, "mod"); err != nil || got != want {
		t.Fatalf("ModuleRoot() = %q, %v; want %q", got, err, want)
	}
	t.Setenv("CI", "true")
	r := &recorder{TB: t}
	if p := SharedPath(r, "snap"); p != filepath.Join(root, "shared", "snap") || r.failed != "" {
		t.Errorf("SharedPath(snap) = %q (fail %q)", p, r.failed)
	}
	r = &recorder{TB: t}
	SharedPath(r, "absent")
	if r.failed == "" {
		t.Error("SharedPath(absent) in CI did not fail")
	}
	t.Setenv("CI", "")
	r = &recorder{TB: t}
	SharedPath(r, "absent")
	if r.skipped == "" || r.failed != "" {
		t.Errorf("SharedPath(absent) outside CI = skip %q, fail %q; want a skip", r.skipped, r.failed)
	}
}

package testenv

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// InCI reports whether the tests run in CI: CI is set to anything but
// "", "0" or "false".
func InCI() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CI"))) {
	case "", "0", "false":
		return false
	}
	return true
}

// Missing stops t because something it needs is not there: a skip outside
// CI, a failure in CI.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("%s (CI is set: a missing requirement fails, it does not skip)", msg)
		return
	}
	t.Skip(msg)
}

// NeedCommand returns the path of the named program, or stops t.
func NeedCommand(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not installed (.ci/run installs what the tests need): %v", name, err)
	}
	return p
}

// NeedDockerEngine stops t unless `docker info` answers within a minute.
func NeedDockerEngine(t testing.TB) {
	t.Helper()
	if err := DockerEngine(context.Background()); err != nil {
		Missing(t, "%v", err)
	}
}

// DockerEngine returns why the Docker engine cannot be used, or nil.
func DockerEngine(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "docker", "info", "--format", "{{.ServerVersion}}").CombinedOutput()
	if err != nil {
		return fmt.Errorf("no Docker engine: `docker info` failed: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// ModuleRoot is the directory of the go.mod above the working directory
// (a test's working directory is its package directory).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !st.IsDir() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// SharedPath is elem under the shared/ folder beside the module root
// (../shared: the design docs and the registry snapshot, laid beside every
// checkout and beside CI's clone). It stops t when that path is absent.
func SharedPath(t testing.TB, elem ...string) string {
	t.Helper()
	root, err := ModuleRoot()
	if err != nil {
		t.Fatalf("finding the module root: %v", err)
	}
	p := filepath.Join(append([]string{filepath.Dir(root), "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		Missing(t, "%s is not present (the shared folder beside the checkout): %v", p, err)
	}
	return p
}

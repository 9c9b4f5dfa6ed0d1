//go:build unix

package catalog

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

// A3, A11: symlinks and special files inside a checkout are never read,
// and a FIFO never blocks the load.
func TestLoadDirHostileFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "servers/good/server.yaml", serverYAML("good"))
	outside := writeFile(t, t.TempDir(), "evil/server.yaml", serverYAML("evil"))
	mustSymlink(t, filepath.Dir(outside), filepath.Join(dir, "servers", "evil"))
	mkdir(t, dir, "servers/zero")
	mustSymlink(t, "/dev/zero", filepath.Join(dir, "servers", "zero", "server.yaml"))
	mkdir(t, dir, "servers/fifo")
	if err := syscall.Mkfifo(filepath.Join(dir, "servers", "fifo", "server.yaml"), 0o644); err != nil {
		testenv.Missing(t, "mkfifo: %v", err)
	}
	mkdir(t, dir, "servers/linked")
	mustSymlink(t, outside, filepath.Join(dir, "servers", "linked", "server.yaml"))

	done := make(chan *Catalog, 1)
	go func() { done <- mustLoad(t, dir) }()
	var c *Catalog
	select {
	case c = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a special file")
	}
	if got := strings.Join(names(c.Servers), ","); got != "good" {
		t.Errorf("Load(hostile checkout) = %s, want good", got)
	}
	want := []string{
		"servers/evil: server directory is a symlink; not followed [skipped]",
		"servers/fifo/server.yaml: not a regular file (FIFO) [read]",
		"servers/linked/server.yaml: not a regular file (symlink) [read]",
		"servers/zero/server.yaml: not a regular file (symlink) [read]",
	}
	if got := problemStrings(dir, c.Problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Even if a FIFO slipped past Lstat, the open itself cannot block.
func TestOpenRegularRefusesWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		testenv.Missing(t, "mkfifo: %v", err)
	}
	link := filepath.Join(dir, "zero")
	mustSymlink(t, "/dev/zero", link)
	tests := []struct {
		name, path string
		nofollow   bool
	}{
		{"fifo", fifo, false},
		{"fifo nofollow", fifo, true},
		{"symlink to /dev/zero, nofollow", link, true},
		{"symlink to /dev/zero, followed", link, false},
		{"/dev/zero", "/dev/zero", false},
		{"directory", dir, false},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		go func() { _, err := readFileCapped(tt.path, maxServerFile, tt.nofollow); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("readFileCapped(%s) = %v, want ErrNotRegular", tt.name, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("readFileCapped(%s) blocked", tt.name)
		}
	}
}

func TestLoadPathErrors(t *testing.T) {
	dir := t.TempDir()
	empty := mkdir(t, dir, "empty")
	noYAML := mkdir(t, dir, "noyaml")
	writeFile(t, noYAML, "servers/x/readme.md", "hello")
	loop := filepath.Join(dir, "loop")
	mustSymlink(t, loop, loop)
	fifo := filepath.Join(dir, "catalog.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sparse := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(sparse, nil, 0o644); err != nil || os.Truncate(sparse, maxCatalogFile+1) != nil {
		t.Fatal("making a sparse file")
	}
	tests := []struct {
		name, spec string
		wantIs     error
	}{
		{"missing file", filepath.Join(dir, "missing.yaml"), fs.ErrNotExist},
		{"empty dir", empty, ErrNoServers},
		{"dir without server.yaml", noYAML, ErrNoServers},
		{"symlink loop", loop, syscall.ELOOP},
		{"fifo as the catalog", fifo, ErrNotRegular},
		{"device as the catalog", "/dev/zero", ErrNotRegular},
		{"catalog over 64 MiB", sparse, ErrTooLarge},
		{"empty spec", "", ErrUnsupported},
		{"ftp url", "ftp://example.com/c.yaml", ErrUnsupported},
		{"file url", "file:///etc/passwd", ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(context.Background(), tt.spec)
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, tt.wantIs) {
				t.Errorf("Load(%s) = %v, want *InputError wrapping %v", tt.name, err, tt.wantIs)
			}
		})
	}
}

// chmod 000 does not stop root, so as root the test re-runs itself in a
// child process as nobody (uid 65534), where the permission bits bite.
func TestLoadUnreadableDir(t *testing.T) {
	if isRoot() && os.Getenv(asNobodyEnv) == "" {
		runAsNobody(t, "TestLoadUnreadableDir")
		return
	}
	if isRoot() {
		t.Fatal("child still runs as root")
	}
	dir := t.TempDir()
	writeFile(t, dir, "servers/a/server.yaml", serverYAML("a"))
	writeFile(t, dir, "servers/b/server.yaml", serverYAML("b"))
	locked := filepath.Join(dir, "servers", "b")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	c := mustLoad(t, dir)
	if len(c.Servers) != 1 || len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Message, "permission denied") {
		t.Errorf("Load(one unreadable server dir) = %v servers, problems %v; want a, and one permission problem", names(c.Servers), c.Problems)
	}
	servers := filepath.Join(dir, "servers")
	if err := os.Chmod(servers, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(servers, 0o755) })
	if _, err := Load(context.Background(), dir); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Load(unreadable servers dir) = %v, want *InputError wrapping ErrPermission", err)
	}
}

const asNobodyEnv = "CATALOG_TEST_AS_NOBODY"

// runAsNobody runs one test of this binary as uid/gid 65534 and fails if
// it does not pass there. The binary is copied where nobody can run it.
func runAsNobody(t *testing.T, name string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "catalog-as-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "catalog.test")
	data, err := os.ReadFile(self)
	if err != nil || os.Chmod(dir, 0o755) != nil || os.WriteFile(bin, data, 0o755) != nil {
		t.Fatalf("copying the test binary: %v", err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asNobodyEnv+"=1", "HOME="+dir, "TMPDIR="+os.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("%s as nobody: %v\n%s", name, err, out)
	}
	t.Logf("ran as uid 65534:\n%s", out)
}

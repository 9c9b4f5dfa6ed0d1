package action

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

const version = "v0.0.0-action"

// release is a release directory as `make release` lays it out for this
// machine's platform, built once from the real programs.
var release struct {
	name  string            // mcptrust-<version>-<os>-<arch>
	files map[string][]byte // URL path below /<version>/ -> body
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mcptrust-action-")
	if err != nil {
		panic(err)
	}
	code := 1
	if err := buildRelease(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildRelease(dir string) error {
	release.name = fmt.Sprintf("mcptrust-%s-%s-%s", version, runtime.GOOS, runtime.GOARCH)
	var tgz bytes.Buffer
	gz := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(gz)
	for pkg, bin := range map[string]string{"../cli-plugin": "mcptrust", "../cli-plugin/launcher": "docker-mcptrust"} {
		out := filepath.Join(dir, bin)
		cmd := exec.Command("go", "build", "-ldflags", "-X github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta.Version="+version, "-o", out, pkg)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", bin, err, b)
		}
		body, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: release.name + "/" + bin, Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(body); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	sum := sha256.Sum256(tgz.Bytes())
	release.files = map[string][]byte{
		release.name + ".tar.gz": tgz.Bytes(),
		"SHA256SUMS":             fmt.Appendf(nil, "%s  %s.tar.gz\n", hex.EncodeToString(sum[:]), release.name),
	}
	return nil
}

// serve serves the release (with files replaced by override) on loopback
// and counts requests.
func serve(t *testing.T, override map[string][]byte) (string, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		name, ok := strings.CutPrefix(r.URL.Path, "/"+version+"/")
		body, found := override[name]
		if !found {
			body, found = release.files[name]
		}
		if !ok || !found {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &hits
}

// runner is the environment GitHub gives a step, in a fresh temp dir.
type runner struct {
	t    *testing.T
	temp string
	env  map[string]string
}

func newRunner(t *testing.T) *runner {
	arch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	osName := map[string]string{"linux": "Linux", "darwin": "macOS"}[runtime.GOOS]
	if arch == "" || osName == "" {
		testenv.Missing(t, "no GitHub runner matches %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	temp := t.TempDir()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(temp, "workspace"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"output", "path"} {
		if err := os.WriteFile(filepath.Join(temp, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &runner{t: t, temp: temp, env: map[string]string{
		"GITHUB_ACTIONS":     "true",
		"CI":                 "true",
		"RUNNER_OS":          osName,
		"RUNNER_ARCH":        arch,
		"RUNNER_TEMP":        temp,
		"GITHUB_OUTPUT":      filepath.Join(temp, "output"),
		"GITHUB_PATH":        filepath.Join(temp, "path"),
		"GITHUB_ACTION_PATH": root,
		"GITHUB_WORKSPACE":   filepath.Join(temp, "workspace"),
		"HOME":               filepath.Join(temp, "home"),
		"PATH":               "/usr/bin:/bin",
	}}
}

// step runs `run.sh mode` as a composite step would, with GITHUB_PATH's
// entries in front of PATH.
func (r *runner) step(mode string, env map[string]string) (stdout string, code int) {
	r.t.Helper()
	// As action.yml runs it: by its path in the action, from the workspace.
	cmd := exec.Command("bash", filepath.Join(r.env["GITHUB_ACTION_PATH"], "action", "run.sh"), mode)
	cmd.Dir = r.env["GITHUB_WORKSPACE"]
	path := r.env["PATH"]
	for _, dir := range strings.Fields(r.read("path")) {
		path = dir + ":" + path
	}
	for k, v := range r.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, "PATH="+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), ee.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	return out.String(), 0
}

func (r *runner) read(name string) string {
	b, err := os.ReadFile(filepath.Join(r.temp, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// installed is a runner with the release installed from loopback.
func installed(t *testing.T) *runner {
	t.Helper()
	url, _ := serve(t, nil)
	r := newRunner(t)
	r.env["MCPTRUST_RELEASE_URL"] = url
	if out, code := r.step("install", map[string]string{"INPUT_VERSION": version}); code != 0 {
		t.Fatalf("install exit %d:\n%s", code, out)
	}
	return r
}

package reviewer

import (
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ProxyBinary is the program the proxy container runs: a static Linux
// executable that serves the proxy when given Args (then the proxy flags).
type ProxyBinary struct {
	Path string
	Args []string
}

// DefaultProxyBinary is the running mcptrust executable with its hidden
// reviewer-proxy command.
func DefaultProxyBinary() (ProxyBinary, error) {
	p, err := os.Executable()
	if err != nil {
		return ProxyBinary{}, &EngineError{Op: "finding the mcptrust executable", Err: err}
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return ProxyBinary{Path: p, Args: []string{"reviewer-proxy"}}, nil
}

// ErrNotStatic means the proxy binary cannot run in a FROM-scratch image.
var ErrNotStatic = errors.New("not a statically linked Linux executable: build mcptrust with CGO_ENABLED=0 (make build does)")

// checkStatic requires a Linux ELF executable with no program interpreter
// and no shared libraries, so it runs in an image with nothing else.
func checkStatic(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotStatic, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return fmt.Errorf("%w: it has a dynamic loader", ErrNotStatic)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		return fmt.Errorf("%w: it needs %v", ErrNotStatic, libs)
	}
	return nil
}

// proxyImageDockerfile holds nothing but the binary, run as a non-root
// user.
const proxyImageDockerfile = "FROM scratch\nCOPY mcptrust /mcptrust\nUSER 65532:65532\nENTRYPOINT [\"/mcptrust\"]\n"

// ensureProxyImage returns the proxy image for bin and the entrypoint to
// run it with, building the image when the engine lacks it. The tag names
// the binary's SHA-256, so a new mcptrust gets a new image and an existing
// one is reused.
func (e *Engine) ensureProxyImage(ctx context.Context, bin ProxyBinary, tmpDir string) (string, []string, error) {
	entry := append([]string{"/mcptrust"}, bin.Args...)
	if err := checkStatic(bin.Path); err != nil {
		return "", nil, &EngineError{Op: "checking the proxy binary " + bin.Path, Err: err}
	}
	sum, err := fileSHA256(bin.Path)
	if err != nil {
		return "", nil, &EngineError{Op: "hashing the proxy binary", Err: err}
	}
	tag := "mcptrust-reviewer-proxy:" + sum[:16]
	if ok, err := e.ImageExists(ctx, tag); err != nil || ok {
		return tag, entry, err
	}
	dir, err := os.MkdirTemp(tmpDir, "mcptrust-proxy-image-")
	if err != nil {
		return "", nil, fmt.Errorf("creating proxy image context: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := copyFile(bin.Path, filepath.Join(dir, "mcptrust"), 0o755); err != nil {
		return "", nil, fmt.Errorf("copying proxy binary: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(proxyImageDockerfile), 0o644); err != nil {
		return "", nil, fmt.Errorf("writing proxy Dockerfile: %w", err)
	}
	return tag, entry, e.BuildImage(ctx, dir, tag)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func copyFile(src, dst string, perm os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

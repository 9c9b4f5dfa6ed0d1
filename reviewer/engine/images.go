package engine

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
	// CABundle is a PEM file of the certificate authorities the proxy
	// trusts for its upstream, baked into the image (FROM scratch has
	// none). Empty means the host's system bundle.
	CABundle string
}

// caBundlePaths are where Linux systems keep their CA bundle (the list Go's
// crypto/x509 reads).
var caBundlePaths = []string{
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/ssl/ca-bundle.pem",
	"/etc/pki/tls/cacert.pem",
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/etc/ssl/cert.pem",
}

// maxCABundle caps the CA bundle copied into the image.
const maxCABundle = 8 << 20

// findCABundle returns SSL_CERT_FILE or the first system bundle present.
func findCABundle() (string, error) {
	for _, p := range append([]string{os.Getenv("SSL_CERT_FILE")}, caBundlePaths...) {
		if fi, err := os.Stat(p); p != "" && err == nil && fi.Mode().IsRegular() && fi.Size() <= maxCABundle {
			return p, nil
		}
	}
	return "", errors.New("no CA certificate bundle on this host for the proxy to verify its upstream; set SSL_CERT_FILE")
}

// DefaultProxyBinary is the running mcptrust executable with its hidden
// reviewer-proxy command.
func DefaultProxyBinary() (ProxyBinary, error) {
	p, err := os.Executable()
	if err != nil {
		return ProxyBinary{}, &Error{Op: "finding the mcptrust executable", Err: err}
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return ProxyBinary{Path: p, Args: []string{"reviewer-proxy"}}, nil
}

// ErrNotStatic means the proxy binary cannot run in a FROM-scratch image.
var ErrNotStatic = errors.New("not a statically linked Linux executable: build mcptrust with CGO_ENABLED=0 (make build does)")

// CheckStatic requires a Linux ELF executable with no program interpreter
// and no shared libraries, so it runs in an image with nothing else.
func CheckStatic(path string) error {
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

// proxyImageDockerfile holds nothing but the binary and the CA bundle, run
// as a non-root user.
const proxyImageDockerfile = "FROM scratch\n" +
	"COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n" +
	"COPY mcptrust /mcptrust\n" +
	"USER 65532:65532\n" +
	"ENTRYPOINT [\"/mcptrust\"]\n"

// EnsureProxyImage returns the proxy image for bin and the entrypoint to
// run it with, building the image when the engine lacks it. The tag names
// the SHA-256 of the binary and the CA bundle, so a new mcptrust (or new
// roots) gets a new image and an existing one is reused.
func (e *Engine) EnsureProxyImage(ctx context.Context, bin ProxyBinary, tmpDir string) (string, []string, error) {
	entry := append([]string{"/mcptrust"}, bin.Args...)
	if err := CheckStatic(bin.Path); err != nil {
		return "", nil, &Error{Op: "checking the proxy binary " + bin.Path, Err: err}
	}
	if bin.CABundle == "" {
		var err error
		if bin.CABundle, err = findCABundle(); err != nil {
			return "", nil, &Error{Op: "building the proxy image", Err: err}
		}
	}
	tag, err := ProxyImageTag(bin)
	if err != nil {
		return "", nil, err
	}
	if ok, err := e.ImageExists(ctx, tag); err != nil || ok {
		return tag, entry, err
	}
	dir, err := os.MkdirTemp(tmpDir, "mcptrust-proxy-image-")
	if err != nil {
		return "", nil, fmt.Errorf("creating proxy image context: %w", err)
	}
	defer os.RemoveAll(dir)
	for _, f := range []struct {
		src, dst string
		perm     os.FileMode
	}{{bin.Path, "mcptrust", 0o755}, {bin.CABundle, "ca-certificates.crt", 0o644}} {
		if err := copyFile(f.src, filepath.Join(dir, f.dst), f.perm); err != nil {
			return "", nil, fmt.Errorf("copying %s into the proxy image: %w", f.dst, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(proxyImageDockerfile), 0o644); err != nil {
		return "", nil, fmt.Errorf("writing proxy Dockerfile: %w", err)
	}
	return tag, entry, e.BuildImage(ctx, dir, tag)
}

// ProxyImageTag is the tag of the proxy image for bin:
// mcptrust-reviewer-proxy:<first 16 hex of the SHA-256 of the binary and
// the CA bundle>. Each mcptrust build leaves one such image; remove old ones
// with docker image rm.
func ProxyImageTag(bin ProxyBinary) (string, error) {
	if bin.CABundle == "" {
		var err error
		if bin.CABundle, err = findCABundle(); err != nil {
			return "", &Error{Op: "finding the CA bundle", Err: err}
		}
	}
	sum, err := filesSHA256(bin.Path, bin.CABundle)
	if err != nil {
		return "", &Error{Op: "hashing the proxy image files", Err: err}
	}
	return "mcptrust-reviewer-proxy:" + sum[:16], nil
}

// filesSHA256 hashes the files' contents in order, each length-prefixed.
func filesSHA256(paths ...string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		n, err := io.Copy(io.Discard, f)
		if err == nil {
			_, err = f.Seek(0, io.SeekStart)
		}
		if err == nil {
			fmt.Fprintf(h, "%d\n", n)
			_, err = io.Copy(h, f)
		}
		f.Close()
		if err != nil {
			return "", err
		}
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

//go:build !noengine

package reviewer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

// The real-engine tests run the whole stack on the local Docker engine
// with images built FROM scratch from static binaries of our own
// (reviewer/testdata): nothing is pulled, no name outside this machine is
// looked up on purpose, and no packet goes anywhere but to our containers,
// loopback, or the gateway of a network the tests create. They skip only
// when `docker info` fails, and fail then too in CI (testenv.Missing); a
// missing Compose is a failure. `-tags noengine` leaves them out of the
// build (make mutate does, to mutate the reviewer without an engine).

// testAgents are the programs under testdata/agents built into images.
var testAgents = []string{"good", "egress", "erofs", "hostile", "envdump", "proxycall", "obedient", "silent", "sleeper"}

// engineWorld is built once per test binary and removed by TestMain.
type engineWorld struct {
	id       string
	eng      *engine.Engine
	binDir   string
	images   map[string]string // agent (and "canary") -> tag
	proxyBin engine.ProxyBinary
	proxyTag string
	network  string // a normal bridge network the tests create
	gateway  string // its gateway: an address of this host
	canary   string // container name of the canary on network
	canaryIP string
	hostGW   *hitServer // on gateway:0
	hostAny  *hitServer // on 0.0.0.0:0
	upstream *hitServer // the fake provider, on gateway:0
}

var world struct {
	once sync.Once
	w    *engineWorld
	skip string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if world.w != nil {
		world.w.teardown()
	}
	os.Exit(code)
}

// needEngine returns the shared world, building it on first use.
func needEngine(t *testing.T) *engineWorld {
	t.Helper()
	world.once.Do(func() { world.w, world.skip, world.err = setupWorld() })
	if world.skip != "" {
		testenv.Missing(t, "%s", world.skip)
	}
	if world.err != nil {
		t.Fatalf("setting up the real-engine tests: %v", world.err)
	}
	return world.w
}

func setupWorld() (*engineWorld, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "docker", "info", "--format", "{{.ServerVersion}}").CombinedOutput(); err != nil {
		return nil, fmt.Sprintf("the real-engine tests need a Docker engine: `docker info` failed: %v: %s", err, strings.TrimSpace(string(out))), nil
	}
	w := &engineWorld{id: randomHex(4), images: map[string]string{}}
	world.w = w // so TestMain removes whatever part gets built
	var err error
	if w.eng, err = engine.New(ctx); err != nil {
		return nil, "", err
	}
	steps := []func(context.Context) error{w.buildBinaries, w.buildImages, w.createNetwork, w.startCanaries, w.buildProxyImage}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return w, "", err
		}
	}
	return w, "", nil
}

func (w *engineWorld) buildBinaries(ctx context.Context) error {
	dir, err := os.MkdirTemp("", "mcptrust-test-bin-")
	if err != nil {
		return err
	}
	w.binDir = dir
	pkgs := []string{"./testdata/canary", "./testdata/proxy"}
	for _, a := range testAgents {
		pkgs = append(pkgs, "./testdata/agents/"+a)
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"build", "-trimpath", "-o", dir + "/"}, pkgs...)...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building test binaries: %v\n%s", err, out)
	}
	w.proxyBin = engine.ProxyBinary{Path: filepath.Join(dir, "proxy")}
	return nil
}

// buildImages builds one FROM-scratch image per agent and the canary.
func (w *engineWorld) buildImages(ctx context.Context) error {
	names := append([]string{"canary"}, testAgents...)
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		tag := fmt.Sprintf("mcptrust-test-%s:%s", name, w.id)
		w.images[name] = tag
		wg.Go(func() { errs[i] = w.buildScratchImage(ctx, name, tag) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// buildProxyImage builds the proxy image the way Run would, with the test
// CA as its bundle.
func (w *engineWorld) buildProxyImage(ctx context.Context) error {
	var err error
	w.proxyTag, _, err = w.eng.EnsureProxyImage(ctx, w.proxyBin, "")
	return err
}

func (w *engineWorld) buildScratchImage(ctx context.Context, name, tag string) error {
	dir, err := os.MkdirTemp("", "mcptrust-test-image-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := copyFile(filepath.Join(w.binDir, name), filepath.Join(dir, "agent"), 0o755); err != nil {
		return err
	}
	df := "FROM scratch\nCOPY agent /agent\nUSER 65532\nENTRYPOINT [\"/agent\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(df), 0o644); err != nil {
		return err
	}
	return w.eng.BuildImage(ctx, dir, tag)
}

func (w *engineWorld) createNetwork(ctx context.Context) error {
	w.network = "mcptrust-test-" + w.id
	if _, err := dockerCmd(ctx, "network", "create", "--label", "mcptrust-test="+w.id, w.network); err != nil {
		w.network = ""
		return err
	}
	gw, err := dockerCmd(ctx, "network", "inspect", "--format", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", w.network)
	if err != nil || net.ParseIP(gw) == nil {
		return fmt.Errorf("reading the gateway of %s: %q, %v", w.network, gw, err)
	}
	w.gateway = gw
	return nil
}

// startCanaries runs the canary container on the normal network and three
// listeners on this host: the canary on the gateway address, one on every
// address, and the fake provider (https with a test CA baked into the proxy
// image, on the gateway, where only the proxy's egress network can reach
// it).
func (w *engineWorld) startCanaries(ctx context.Context) error {
	w.canary = "mcptrust-test-canary-" + w.id
	if _, err := dockerCmd(ctx, "run", "--detach", "--name", w.canary, "--network", w.network,
		"--read-only", "--cap-drop", "ALL", "--label", "mcptrust-test="+w.id, w.images["canary"]); err != nil {
		w.canary = ""
		return err
	}
	ip, err := dockerCmd(ctx, "inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", w.canary)
	if err != nil || net.ParseIP(ip) == nil {
		return fmt.Errorf("reading the canary's address: %q, %v", ip, err)
	}
	w.canaryIP = ip
	tlsCfg, caFile, err := testTLS(w.binDir, w.gateway)
	if err != nil {
		return err
	}
	w.proxyBin.CABundle = caFile
	for _, s := range []struct {
		dst  **hitServer
		addr string
		tls  *tls.Config
	}{{&w.hostGW, w.gateway + ":0", nil}, {&w.hostAny, "0.0.0.0:0", nil}, {&w.upstream, w.gateway + ":0", tlsCfg}} {
		if *s.dst, err = newHitServer(s.addr, s.tls); err != nil {
			return err
		}
	}
	return nil
}

func (w *engineWorld) teardown() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, s := range []*hitServer{w.hostGW, w.hostAny, w.upstream} {
		if s != nil {
			s.Close()
		}
	}
	if w.canary != "" {
		_, _ = dockerCmd(ctx, "rm", "--force", w.canary)
	}
	if w.network != "" {
		_, _ = dockerCmd(ctx, "network", "rm", w.network)
	}
	for _, tag := range w.images {
		_, _ = dockerCmd(ctx, "image", "rm", "--force", tag)
	}
	if w.proxyTag != "" {
		_, _ = dockerCmd(ctx, "image", "rm", "--force", w.proxyTag)
	}
	if w.binDir != "" {
		os.RemoveAll(w.binDir)
	}
}

// dockerCmd runs the docker client and returns its trimmed stdout.
func dockerCmd(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "docker", args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("docker %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

package reviewer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
)

func TestDNSLeakFixed(t *testing.T) {
	tests := []struct {
		version string
		want    bool
	}{
		{"20.10.24+dfsg1", false}, {"23.0.10", false}, {"23.0.11", true}, {"24.0.9", false},
		{"25.0.3", false}, {"25.0.4", true}, {"26.0.0", true}, {"27.5.1", true}, {"28.3.0-rc.1", true},
		{"v26.1.0", true}, {"", false}, {"dev", false}, {"26.0", false},
	}
	for _, tt := range tests {
		if got := engine.DNSLeakFixed(tt.version); got != tt.want {
			t.Errorf("DNSLeakFixed(%q) = %v, want %v", tt.version, got, tt.want)
		}
	}
}

// fakeTools answers docker and compose calls by their arguments: a key
// is the command line joined by spaces, prefix-matched; the value is
// stdout, or an error when it starts with "ERR ".
type fakeTools struct {
	answers map[string]string
	calls   []string
}

func (f *fakeTools) exec(_ context.Context, stdout io.Writer, name string, args ...string) (string, error) {
	line := filepath.Base(name) + " " + strings.Join(args, " ")
	f.calls = append(f.calls, line)
	for prefix, out := range f.answers {
		if strings.HasPrefix(line, prefix) {
			if msg, ok := strings.CutPrefix(out, "ERR "); ok {
				return msg, errors.New("exit status 1")
			}
			fmt.Fprint(stdout, out)
			return "", nil
		}
	}
	return "unexpected call", fmt.Errorf("unexpected call %q", line)
}

// withTools makes engine.New use the fake; the docker binary must exist for
// LookPath, so it is a file in a temp dir (never run).
func withTools(t *testing.T, f *fakeTools) []engine.Option {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"docker", "docker-compose"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/false\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	return []engine.Option{engine.WithDockerBinary(filepath.Join(dir, "docker")), engine.WithExec(f.exec)}
}

const infoOld = `"20.10.24+dfsg1"|["name=seccomp,profile=default"]`

func TestNewEngineDetection(t *testing.T) {
	tests := []struct {
		name    string
		answers map[string]string
		want    engine.Info
		wantErr string
	}{
		{"compose v2 preferred", map[string]string{"docker info": `"26.1.4"|[]`, "docker compose version": "v2.27", "docker-compose version": "1.29.2"},
			engine.Info{ServerVersion: "26.1.4", Compose: "docker compose", DNSLeakFixed: true}, ""},
		{"compose v1 fallback", map[string]string{"docker info": infoOld, "docker compose version": "ERR unknown command", "docker-compose version": "1.29.2"},
			engine.Info{ServerVersion: "20.10.24+dfsg1", Compose: "docker-compose"}, ""},
		{"rootless", map[string]string{"docker info": `"27.0.1"|["name=seccomp","name=rootless"]`, "docker compose version": "v2"},
			engine.Info{ServerVersion: "27.0.1", Rootless: true, Compose: "docker compose", DNSLeakFixed: true}, ""},
		{"daemon down", map[string]string{"docker info": "ERR Cannot connect to the Docker daemon"}, engine.Info{}, "Cannot connect"},
		{"no compose", map[string]string{"docker info": infoOld, "docker compose version": "ERR no", "docker-compose version": "ERR no"}, engine.Info{}, "finding Docker Compose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeTools{answers: tt.answers}
			e, err := engine.New(context.Background(), withTools(t, f)...)
			var ee *engine.Error
			switch {
			case tt.wantErr != "":
				if !errors.As(err, &ee) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("NewEngine = %v, want an *EngineError with %q", err, tt.wantErr)
				}
			case err != nil:
				t.Fatalf("NewEngine = %v", err)
			case e.Info() != tt.want:
				t.Errorf("NewEngine().Info() = %+v, want %+v", e.Info(), tt.want)
			}
		})
	}
}

func TestNewEngineWithoutDocker(t *testing.T) {
	_, err := engine.New(context.Background(), engine.WithDockerBinary(filepath.Join(t.TempDir(), "no-docker")))
	var ee *engine.Error
	if !errors.As(err, &ee) {
		t.Fatalf("NewEngine(missing docker) = %v, want *EngineError", err)
	}
}

func TestImageExists(t *testing.T) {
	f := &fakeTools{answers: map[string]string{"docker info": infoOld, "docker compose version": "v2",
		"docker image inspect --format {{.Id}} -- present": "sha256:1",
		"docker image inspect --format {{.Id}} -- absent":  "ERR Error: No such image: absent",
		"docker image inspect --format {{.Id}} -- broken":  "ERR Cannot connect to the Docker daemon"}}
	e, err := engine.New(context.Background(), withTools(t, f)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref    string
		want   bool
		hasErr bool
	}{{"present", true, false}, {"absent", false, false}, {"broken", false, true}} {
		got, err := e.ImageExists(context.Background(), tt.ref)
		if got != tt.want || (err != nil) != tt.hasErr {
			t.Errorf("ImageExists(%s) = %v, %v; want %v, error %v", tt.ref, got, err, tt.want, tt.hasErr)
		}
	}
}

func TestCheckStatic(t *testing.T) {
	notELF := filepath.Join(t.TempDir(), "script")
	os.WriteFile(notELF, []byte("#!/bin/sh\n"), 0o755)
	if err := engine.CheckStatic(notELF); !errors.Is(err, engine.ErrNotStatic) {
		t.Errorf("checkStatic(shell script) = %v, want ErrNotStatic", err)
	}
	if err := engine.CheckStatic("/bin/sh"); !errors.Is(err, engine.ErrNotStatic) {
		t.Errorf("checkStatic(/bin/sh, dynamic) = %v, want ErrNotStatic", err)
	}
}

// TestProxyImageTag: the tag follows the binary and the CA bundle, so new
// roots or a new build never reuse an old image.
func TestProxyImageTag(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	bin, ca1, ca2 := write("bin", "binary"), write("ca1", "roots one"), write("ca2", "roots two")
	tag := func(b engine.ProxyBinary) string {
		s, err := engine.ProxyImageTag(b)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b, c := tag(engine.ProxyBinary{Path: bin, CABundle: ca1}), tag(engine.ProxyBinary{Path: bin, CABundle: ca1}), tag(engine.ProxyBinary{Path: bin, CABundle: ca2})
	if a != b || a == c || !strings.HasPrefix(a, "mcptrust-reviewer-proxy:") || len(a) != len("mcptrust-reviewer-proxy:")+16 {
		t.Errorf("ProxyImageTag = %q, %q, %q; want stable per content and different for other roots", a, b, c)
	}
}

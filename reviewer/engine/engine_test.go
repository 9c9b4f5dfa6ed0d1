package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/engine/enginetest"

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

func TestNewEngineDetection(t *testing.T) {
	tests := []struct {
		name    string
		answers map[string]string
		want    engine.Info
		wantErr string
	}{
		{"compose v2 preferred", map[string]string{"docker info": `"26.1.4"|[]`, "docker compose version": "v2.27", "docker-compose version": "1.29.2"},
			engine.Info{ServerVersion: "26.1.4", Compose: "docker compose", DNSLeakFixed: true}, ""},
		{"compose v1 fallback", map[string]string{"docker info": enginetest.InfoOld, "docker compose version": "ERR unknown command", "docker-compose version": "1.29.2"},
			engine.Info{ServerVersion: "20.10.24+dfsg1", Compose: "docker-compose"}, ""},
		{"rootless", map[string]string{"docker info": `"27.0.1"|["name=seccomp","name=rootless"]`, "docker compose version": "v2"},
			engine.Info{ServerVersion: "27.0.1", Rootless: true, Compose: "docker compose", DNSLeakFixed: true}, ""},
		{"daemon down", map[string]string{"docker info": "ERR Cannot connect to the Docker daemon"}, engine.Info{}, "Cannot connect"},
		{"no compose", map[string]string{"docker info": enginetest.InfoOld, "docker compose version": "ERR no", "docker-compose version": "ERR no"}, engine.Info{}, "finding Docker Compose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &enginetest.FakeTools{Answers: tt.answers}
			e, err := engine.New(context.Background(), enginetest.Options(t, f)...)
			var ee *engine.Error
			switch {
			case tt.wantErr != "":
				if !errors.As(err, &ee) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("engine.New = %v, want an *engine.Error with %q", err, tt.wantErr)
				}
			case err != nil:
				t.Fatalf("engine.New = %v", err)
			case e.Info() != tt.want:
				t.Errorf("engine.New().Info() = %+v, want %+v", e.Info(), tt.want)
			}
		})
	}
}

func TestNewEngineWithoutDocker(t *testing.T) {
	_, err := engine.New(context.Background(), engine.WithDockerBinary(filepath.Join(t.TempDir(), "no-docker")))
	var ee *engine.Error
	if !errors.As(err, &ee) {
		t.Fatalf("engine.New(missing docker) = %v, want *engine.Error", err)
	}
}

func TestImageExists(t *testing.T) {
	f := &enginetest.FakeTools{Answers: map[string]string{"docker info": enginetest.InfoOld, "docker compose version": "v2",
		"docker image inspect --format {{.Id}} -- present": "sha256:1",
		"docker image inspect --format {{.Id}} -- absent":  "ERR Error: No such image: absent",
		"docker image inspect --format {{.Id}} -- broken":  "ERR Cannot connect to the Docker daemon"}}
	e, err := engine.New(context.Background(), enginetest.Options(t, f)...)
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
		t.Errorf("CheckStatic(shell script) = %v, want ErrNotStatic", err)
	}
	if err := engine.CheckStatic("/bin/sh"); !errors.Is(err, engine.ErrNotStatic) {
		t.Errorf("CheckStatic(/bin/sh, dynamic) = %v, want ErrNotStatic", err)
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

package commands

import (
	"testing"

	"github.com/docker/cli/cli/config/configfile"
	"github.com/docker/cli/cli/config/types"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

func TestDockerKeychain(t *testing.T) {
	cf := configfile.New("/nonexistent/config.json")
	cf.AuthConfigs = map[string]types.AuthConfig{
		"https://index.docker.io/v1/": {Username: "hub-user", Password: "hub-pass"},
		"127.0.0.1:5000":              {Username: "local-user", Password: "local-pass"},
	}
	kc := dockerKeychain{config: func() *configfile.ConfigFile { return cf }}
	tests := []struct {
		registry string
		want     authn.AuthConfig
	}{
		{"index.docker.io", authn.AuthConfig{Username: "hub-user", Password: "hub-pass"}},
		{"127.0.0.1:5000", authn.AuthConfig{Username: "local-user", Password: "local-pass"}},
		{"ghcr.io", authn.AuthConfig{}},
	}
	for _, tt := range tests {
		reg, err := name.NewRegistry(tt.registry)
		if err != nil {
			t.Fatal(err)
		}
		a, err := kc.Resolve(reg)
		if err != nil {
			t.Fatalf("Resolve(%s): %v", tt.registry, err)
		}
		got, err := a.Authorization()
		if err != nil {
			t.Fatal(err)
		}
		if got.Username != tt.want.Username || got.Password != tt.want.Password {
			t.Errorf("Resolve(%s) = %s/%s, want %s/%s", tt.registry, got.Username, got.Password, tt.want.Username, tt.want.Password)
		}
	}
}

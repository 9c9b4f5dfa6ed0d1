package dockerplugin

import (
	"bytes"
	"testing"

	"github.com/docker/cli/cli-plugins/metadata"
)

func TestInvoked(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want bool
	}{
		{"no arguments", nil, nil, false},
		{"a command", []string{"version"}, nil, false},
		{"metadata call", []string{"docker-cli-plugin-metadata"}, nil, true},
		{"metadata later is an argument", []string{"version", "docker-cli-plugin-metadata"}, nil, false},
		{"run by docker", []string{"mcptrust", "version"}, map[string]string{ReexecEnv: "docker"}, true},
		{"run by docker with globals", []string{"--config", "d", "mcptrust"}, map[string]string{ReexecEnv: "/usr/bin/docker"}, true},
		{"empty variable is unset", []string{"version"}, map[string]string{ReexecEnv: ""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := Invoked(tt.args, getenv); got != tt.want {
				t.Errorf("Invoked(%q, %v) = %v, want %v", tt.args, tt.env, got, tt.want)
			}
		})
	}
}

// Docker parses this JSON; the layout is docker/cli's (five-space indent),
// and an ampersand in a URL stays as it is.
func TestWriteMetadata(t *testing.T) {
	var b bytes.Buffer
	err := WriteMetadata(&b, metadata.Metadata{
		SchemaVersion: "0.1.0", Vendor: "v", Version: "v1.2.3", ShortDescription: "d", URL: "https://x.test/?a=1&b=2",
	})
	want := `{
     "SchemaVersion": "0.1.0",
     "Vendor": "v",
     "Version": "v1.2.3",
     "ShortDescription": "d",
     "URL": "https://x.test/?a=1&b=2"
}
`
	if err != nil || b.String() != want {
		t.Errorf("WriteMetadata = %q, %v; want %q", b.String(), err, want)
	}
}

package dockerplugin

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// parse reads docker's global flags the way a plugin must: up to the first
// argument that is not one.
func parse(args []string, env map[string]string) (*GlobalOptions, *pflag.FlagSet, error) {
	o := &GlobalOptions{}
	fs := pflag.NewFlagSet("docker", pflag.ContinueOnError)
	fs.SetInterspersed(false)
	o.InstallFlags(fs, "/home/u/.docker", func(k string) string { return env[k] })
	return o, fs, fs.Parse(args)
}

func TestGlobalFlags(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		configDir string
		rest      []string
		err       string
	}{
		{"none", []string{"mcptrust", "version"}, "/home/u/.docker", []string{"mcptrust", "version"}, ""},
		{"config", []string{"--config", "/tmp/d/", "mcptrust", "version"}, "/tmp/d", []string{"mcptrust", "version"}, ""},
		{"config relative", []string{"--config=d/../e", "mcptrust"}, "e", []string{"mcptrust"}, ""},
		{"config empty is the default", []string{"--config", "", "mcptrust"}, "/home/u/.docker", []string{"mcptrust"}, ""},
		{"all of docker's", []string{"-D", "-l", "warn", "--tls", "--tlsverify", "--tlscacert", "c", "--tlscert", "x", "--tlskey", "k", "-H", "unix:///s", "mcptrust", "--config", "not-global"},
			"/home/u/.docker", []string{"mcptrust", "--config", "not-global"}, ""},
		{"context", []string{"-c", "prod", "mcptrust"}, "/home/u/.docker", []string{"mcptrust"}, ""},
		{"plugin flags stay the plugin's", []string{"mcptrust", "-D"}, "/home/u/.docker", []string{"mcptrust", "-D"}, ""},
		{"unknown flag", []string{"--bogus", "mcptrust"}, "", nil, "unknown flag: --bogus"},
		{"two hosts", []string{"-H", "a", "-H", "b", "mcptrust"}, "", nil, "specify only one -H"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, fs, err := parse(tt.args, nil)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("parse(%q) = %v, want an error with %q", tt.args, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q): %v", tt.args, err)
			}
			if got := o.ConfigDirectory(); got != tt.configDir {
				t.Errorf("ConfigDirectory() after %q = %q, want %q", tt.args, got, tt.configDir)
			}
			if !slices.Equal(fs.Args(), tt.rest) {
				t.Errorf("rest of %q = %q, want %q", tt.args, fs.Args(), tt.rest)
			}
		})
	}
}

func TestGlobalFlagsCheck(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
	}{
		{[]string{"-c", "prod"}, true},
		{[]string{"-H", "unix:///s"}, true},
		{[]string{"-c", "prod", "-H", "unix:///s"}, false},
		{[]string{"--context=prod", "--host="}, false},
	}
	for _, tt := range tests {
		o, _, err := parse(tt.args, nil)
		if err != nil {
			t.Fatalf("parse(%q): %v", tt.args, err)
		}
		if err := o.Check(); (err == nil) != tt.ok {
			t.Errorf("Check() after %q = %v, want ok %v", tt.args, err, tt.ok)
		}
	}
}

// Docker's TLS defaults come from its environment, and the certificate
// files default to the cert dir (DOCKER_CERT_PATH, else the config dir).
func TestGlobalFlagDefaults(t *testing.T) {
	o, _, err := parse(nil, map[string]string{"DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"})
	if err != nil {
		t.Fatal(err)
	}
	if !o.TLSVerify || o.TLS || o.LogLevel != "info" || o.TLSCACert != filepath.Join("/certs", "ca.pem") {
		t.Errorf("defaults = %+v, want tlsverify on, tls off, log level info, CA in /certs", o)
	}
	o, _, _ = parse(nil, map[string]string{"DOCKER_TLS": "1"})
	if !o.TLS || o.TLSKey != filepath.Join("/home/u/.docker", "key.pem") {
		t.Errorf("defaults with DOCKER_TLS = %+v, want tls on, key in the config dir", o)
	}
}

package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"
)

// A bad key file is a usage error (exit 2) naming the flag and the file,
// before any registry is asked.
func TestVerifyKeyFlagErrorsNameFlagAndFile(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not-a-key.pem")
	if err := os.WriteFile(notPEM, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "rekor.pem")
	if err := os.WriteFile(good, verify.RekorPublicGoodKey(), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.pem")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"key not PEM", []string{"--key", notPEM}, []string{"--key " + notPEM + ":", "parsing public key"}},
		{"rekor key not PEM", []string{"--rekor-key", notPEM}, []string{"--rekor-key " + notPEM + ":", "parsing public key"}},
		{"rekor key missing", []string{"--rekor-key", missing}, []string{"reading --rekor-key:", missing}},
		{"key missing", []string{"--key", missing, "--rekor-key", good}, []string{"reading --key:", missing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"verify", "--catalog", "demo"}, tt.args...)
			r := runCommand(t, false, append(args, "weather-demo")...)
			if r.err == nil {
				t.Fatal("verify accepted a bad key flag")
			}
			if code := ExitCode(r.err); code != ExitInput {
				t.Errorf("exit %d, want %d (bad input)", code, ExitInput)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err.Error(), w) {
					t.Errorf("error %q does not say %q", r.err, w)
				}
			}
		})
	}
}

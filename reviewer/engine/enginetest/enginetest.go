package enginetest

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

// InfoOld is `docker info` of an engine without the CVE-2024-29018 fix.
const InfoOld = `"20.10.24+dfsg1"|["name=seccomp,profile=default"]`

// FakeTools answers docker and compose calls by their arguments: a key of
// Answers is the command line joined by spaces, prefix-matched; the value
// is stdout, or an error when it starts with "ERR ". Calls records every
// command line in order. It is not safe for concurrent use.
type FakeTools struct {
	Answers map[string]string
	Calls   []string
}

// Exec is the engine.WithExec function of the fake.
func (f *FakeTools) Exec(_ context.Context, stdout io.Writer, name string, args ...string) (string, error) {
	line := filepath.Base(name) + " " + strings.Join(args, " ")
	f.Calls = append(f.Calls, line)
	for prefix, out := range f.Answers {
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

// Options makes engine.New use f; the docker binary must exist for
// LookPath, so it is a file in a temp dir (never run), and PATH is set to
// that dir for the test.
func Options(t *testing.T, f *FakeTools) []engine.Option {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"docker", "docker-compose"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/false\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	return []engine.Option{engine.WithDockerBinary(filepath.Join(dir, "docker")), engine.WithExec(f.Exec)}
}

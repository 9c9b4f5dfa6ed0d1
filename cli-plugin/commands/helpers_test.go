package commands

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// fixedNow is the clock of every command test.
var fixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

type result struct {
	stdout, stderr string
	err            error
}

// testFactory returns a factory over test streams with a private config dir.
func testFactory(t *testing.T, isTTY bool) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	io, _, out, errOut := iostreams.Test()
	io.SetStdoutTTY(isTTY)
	io.SetStdinTTY(isTTY)
	f := NewFactory(io)
	f.Now = func() time.Time { return fixedNow }
	dir := t.TempDir()
	f.ConfigDir = func() string { return dir }
	f.GitHubTransport = ghfake.LoopbackTransport() // no test reaches api.github.com
	return f, out, errOut
}

// runCommand runs the real command tree with args, as a user would.
func runCommand(t *testing.T, isTTY bool, args ...string) result {
	t.Helper()
	f, out, errOut := testFactory(t, isTTY)
	root := NewRootCmd(f, false)
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(errOut)
	_, err := root.ExecuteContextC(context.Background())
	return result{out.String(), errOut.String(), err}
}

// golden compares got with testdata/name.golden, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden (run go test -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update if intended):\n%s", name, path, got)
	}
}

package commands

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
)

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

// Command docker-mcptrust is the Docker CLI plugin entry point. Docker runs
// every plugin's metadata subcommand on each `docker --help` and before each
// `docker mcptrust ...`, so this binary links nothing but the metadata: it
// answers that call itself and hands every other call, unchanged, to the full
// program (the mcptrust binary installed beside it) with execve; Windows has
// no execve, so there it runs it as a child and passes its exit code on.
// Package initialisation of cosign, glamour and the rest therefore never runs
// on the metadata path (bench/startup.sh measures it).
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/docker/cli/cli-plugins/metadata"

	"github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta"
)

// exitEngineMissing is exit code 3 of the documented set: the command could
// not run at all, which is never a verdict.
const exitEngineMissing = 3

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 && args[1] == metadata.MetadataSubcommandName {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "     ")
		if err := enc.Encode(pluginmeta.Metadata()); err != nil {
			return exitEngineMissing
		}
		return 0
	}
	engine, err := findEngine()
	if err != nil {
		fmt.Fprintf(stderr, "docker-mcptrust: %v\n", err)
		return exitEngineMissing
	}
	argv := append([]string{engine}, args[1:]...)
	code, err := execEngine(engine, argv)
	if err != nil {
		fmt.Fprintf(stderr, "docker-mcptrust: running %s: %v\n", engine, err)
		return exitEngineMissing
	}
	return code
}

// findEngine locates the full program beside the launcher's real path (after
// resolving symlinks, so a linked install still finds its own engine).
func findEngine() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding own path: %w", err)
	}
	if real, err := filepath.EvalSymlinks(self); err == nil {
		self = real
	}
	engine := filepath.Join(filepath.Dir(self), pluginmeta.EngineName+exeSuffix)
	fi, err := os.Stat(engine)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("the %s program is missing: expected it at %s (run make install)", pluginmeta.EngineName, engine)
		}
		return "", fmt.Errorf("checking %s: %w", engine, err)
	}
	if !fi.Mode().IsRegular() || (exeSuffix == "" && fi.Mode().Perm()&0o111 == 0) {
		return "", fmt.Errorf("%s is not an executable file", engine)
	}
	return engine, nil
}

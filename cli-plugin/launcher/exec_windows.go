//go:build windows

package main

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
)

// exeSuffix is the file name suffix of executables.
const exeSuffix = ".exe"

// execEngine runs the engine as a child with this process's streams and
// returns its exit code. Ctrl-C reaches the whole console, so the launcher
// ignores it and lets the engine decide (it exits 130).
func execEngine(engine string, argv []string) (int, error) {
	signal.Ignore(os.Interrupt)
	cmd := exec.Command(engine, argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return exitErr.ExitCode(), nil
	}
	if err != nil {
		return exitEngineMissing, err
	}
	return 0, nil
}

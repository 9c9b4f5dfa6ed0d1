//go:build unix

package main

import (
	"os"
	"syscall"
)

// exeSuffix is the file name suffix of executables.
const exeSuffix = ""

// execEngine replaces this process with the engine; it returns only when
// that failed.
func execEngine(engine string, argv []string) (int, error) {
	return exitEngineMissing, syscall.Exec(engine, argv, os.Environ())
}

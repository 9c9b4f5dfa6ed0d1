package commands

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/lock"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

// Exit codes. These are the only exit codes the program uses, and ExitCode is
// the only place that chooses one. They are documented in the README.
const (
	// ExitOK: the command succeeded; for verify, every target was verified.
	ExitOK = 0
	// ExitTrust: a trust check said no (verification failed, lint found
	// errors, a review found medium risk or worse or failed).
	ExitTrust = 1
	// ExitInput: bad usage or bad input (unknown flag, malformed YAML,
	// missing file).
	ExitInput = 2
	// ExitUndecided: the command could not decide (network, registry,
	// Docker engine, timeout). Never a success.
	ExitUndecided = 3
	// ExitCancelled: interrupted by the user (SIGINT or SIGTERM).
	ExitCancelled = 130
	// ExitDockerUsage: a bad docker global flag (`docker-mcptrust --bogus
	// mcptrust`), docker's own status for it. Only a plugin run by hand
	// sees it: docker checks its flags before it runs a plugin.
	ExitDockerUsage = 125
)

// ExitCode maps an error returned by a command to the process exit code.
// A cancellation (the user's SIGINT or SIGTERM) wins over everything it
// caused: a git or Compose process killed by the cancel is 130, not 3.
// Then the command's own classes (FlagError, TrustError, UndecidedError,
// and StatusError for docker's 125 on a bad docker global flag),
// then the libraries' typed errors, so commands can return them as they
// come. Unclassified errors are ExitUndecided: something failed before a
// verdict, and that is never reported as success.
func ExitCode(err error) int {
	var (
		flagErr   *FlagError
		trustErr  *TrustError
		undecided *UndecidedError
		status    *StatusError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		return ExitCancelled
	case errors.As(err, &flagErr):
		return ExitInput
	case errors.As(err, &trustErr):
		return ExitTrust
	case errors.As(err, &undecided):
		return ExitUndecided
	case errors.As(err, &status):
		if status.Code != 0 {
			return status.Code
		}
	}
	return libraryExitCode(err)
}

// libraryExitCode classifies the typed errors of catalog, verify, lock and
// the reviewer (git included): bad input 2, a check that said no 1, anything
// that stopped a decision 3.
func libraryExitCode(err error) int {
	var (
		parseErr *catalog.ParseError
		inputErr *catalog.InputError
		fetchErr *catalog.FetchError
		refErr   *verify.InputError
		lockErr  *lock.ParseError
		source   *reviewer.SourceError
		commit   *reviewer.CommitError
		impostor *reviewer.ImpostorCommitError
	)
	switch {
	case errors.As(err, &parseErr), errors.As(err, &inputErr), errors.As(err, &refErr), errors.As(err, &source),
		errors.As(err, &lockErr):
		return ExitInput
	case errors.As(err, &commit), errors.As(err, &impostor):
		return ExitTrust
	case errors.As(err, &fetchErr):
		return ExitUndecided
	}
	// *reviewer.GitError, *engine.Error, *engine.OldEngineError
	// and everything unknown: could not decide.
	return ExitUndecided
}

// printError writes err as one sanitised line, plus a pointer to the help
// text for usage errors. Silent errors print nothing: their command already
// said what happened.
func printError(w io.Writer, err error, commandPath string) {
	var (
		trustErr  *TrustError
		undecided *UndecidedError
	)
	if (errors.As(err, &trustErr) && trustErr.Silent) || (errors.As(err, &undecided) && undecided.Silent) {
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "cancelled")
		return
	}
	fmt.Fprintf(w, "error: %s\n", sanitize.Line(err.Error()))
	var flagErr *FlagError
	if errors.As(err, &flagErr) && commandPath != "" {
		fmt.Fprintf(w, "See '%s --help'.\n", commandPath)
	}
}

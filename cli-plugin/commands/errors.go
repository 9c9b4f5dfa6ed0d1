package commands

import (
	"errors"
	"fmt"
)

// FlagError is a usage error: a bad flag, a bad argument count, a value out of
// range. It exits with ExitInput and points at the command's help.
type FlagError struct{ Err error }

var _ error = (*FlagError)(nil)

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf builds a FlagError from a format string.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// TrustError says a check ran and said no: lint errors, a failed
// verification, a risky review. It exits with ExitTrust. Silent means the
// command has already printed the details.
type TrustError struct {
	Err    error
	Silent bool
}

var _ error = (*TrustError)(nil)

func (e *TrustError) Error() string { return e.Err.Error() }
func (e *TrustError) Unwrap() error { return e.Err }

// silentTrustError reports a trust failure whose details are already printed.
func silentTrustError(msg string) error {
	return &TrustError{Err: errors.New(msg), Silent: true}
}

// UndecidedError says a command could not reach a verdict (network,
// registry, engine, timeout). It exits with ExitUndecided, never 0. Silent
// means the command has already printed the details.
type UndecidedError struct {
	Err    error
	Silent bool
}

var _ error = (*UndecidedError)(nil)

func (e *UndecidedError) Error() string { return e.Err.Error() }
func (e *UndecidedError) Unwrap() error { return e.Err }

// StatusError carries its own exit status, for the few errors whose status
// is docker's rather than ours: a bad docker global flag exits 125, as in
// docker itself.
type StatusError struct {
	Err  error
	Code int
}

var _ error = (*StatusError)(nil)

func (e *StatusError) Error() string { return e.Err.Error() }
func (e *StatusError) Unwrap() error { return e.Err }

package verify

import (
	"errors"
	"fmt"
)

// InputError reports a Target that cannot be verified as given: a malformed
// reference or digest. It is the only error Verify returns.
type InputError struct {
	Field string // which part of the Target: "image reference", "catalog digest", ...
	Value string // the value as given
	Err   error  // what is wrong with it
}

// Error says which field is invalid and why.
func (e *InputError) Error() string {
	return fmt.Sprintf("invalid %s %q: %v", e.Field, e.Value, e.Err)
}

// Unwrap returns the parse error.
func (e *InputError) Unwrap() error { return e.Err }

// TrustError means a check ran and said no: a digest mismatch, a missing
// label, no valid signature. It maps to StatusFail.
type TrustError struct{ Err error }

// Error is the check's reason.
func (e *TrustError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying reason.
func (e *TrustError) Unwrap() error { return e.Err }

// UndecidedError means a check could not run: network failure, timeout,
// registry error, truncated body or a limit exceeded. It maps to StatusError.
type UndecidedError struct{ Err error }

// Error is the check's reason.
func (e *UndecidedError) Error() string { return e.Err.Error() }

// Unwrap returns the network, registry or limit error.
func (e *UndecidedError) Unwrap() error { return e.Err }

// trustf builds a TrustError.
func trustf(format string, args ...any) error {
	return &TrustError{Err: fmt.Errorf(format, args...)}
}

// undecidedf builds an UndecidedError.
func undecidedf(format string, args ...any) error {
	return &UndecidedError{Err: fmt.Errorf(format, args...)}
}

// statusOf maps an error to the status of the check it ends; a registry
// policy refusal is a failure wherever it happened. An error of
// neither class is a bug in classification; treat it as "could not check"
// so it can never pass.
func statusOf(err error) Status {
	var te *TrustError
	switch {
	case err == nil:
		return StatusPass
	case errors.As(err, &te), isPolicyError(err):
		return StatusFail
	default:
		return StatusError
	}
}

// checkFrom builds a check from an error, using pass as the reason when err
// is nil.
func checkFrom(name string, err error, pass string) Check {
	if err == nil {
		return Check{Name: name, Status: StatusPass, Reason: pass}
	}
	return Check{Name: name, Status: statusOf(err), Reason: err.Error()}
}

package catalog

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel causes carried inside the typed errors, for errors.Is.
var (
	// ErrTooLarge: the input is over its size cap (checked before parsing).
	ErrTooLarge = errors.New("too large")
	// ErrNotRegular: the input is a FIFO, device, socket or symlink where a
	// regular file was required.
	ErrNotRegular = errors.New("not a regular file")
	// ErrNoServers: a directory holds no server.yaml at all.
	ErrNoServers = errors.New("no server.yaml found")
	// ErrUnsupported: the catalog source has a scheme or form Load cannot use.
	ErrUnsupported = errors.New("unsupported catalog source")
	// ErrNoOCI: an oci:// source was given but no WithOCI function.
	ErrNoOCI = errors.New("oci:// catalogs need an OCI puller (WithOCI)")
	// ErrAnchor: YAML anchors are refused outright; the registry uses none
	// and anchors with aliases are the alias-bomb vector.
	ErrAnchor = errors.New("anchors are not allowed")
	// ErrAlias: YAML aliases are refused (see ErrAnchor).
	ErrAlias = errors.New("aliases are not allowed")
	// ErrMergeKey: YAML merge keys are refused; they let a later block
	// silently override a field such as source.commit.
	ErrMergeKey = errors.New("merge keys (<<) are not allowed")
	// ErrDuplicateKey: a mapping defines the same key twice.
	ErrDuplicateKey = errors.New("key already defined")
	// ErrMultipleDocuments: a file holds more than one YAML document.
	ErrMultipleDocuments = errors.New("multiple documents in one file")
	// ErrBadPin: a source.commit value that is not a canonical pin.
	ErrBadPin = errors.New("bad pin")
)

// ParseError reports input that was read but is not an acceptable document:
// bad YAML, a refused construct, or a field of the wrong shape. The command
// layer maps it to exit code 2 (bad input).
type ParseError struct {
	File  string // path or URL of the document
	Line  int    // 1-based; 0 when unknown
	Field string // dotted field path, e.g. "source.commit"; "" when unknown
	Err   error
}

var _ error = (*ParseError)(nil)

// Error reads "FILE:LINE: FIELD: message" on one line.
func (e *ParseError) Error() string { return located(e.File, e.Line, e.Field, errText(e.Err)) }

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// InputError reports an input that could not be used at all: a missing
// path, an unreadable or empty directory, an oversize or non-regular file,
// an unsupported source. The command layer maps it to exit code 2.
type InputError struct {
	Path string
	Err  error
}

var _ error = (*InputError)(nil)

// Error reads "PATH: message".
func (e *InputError) Error() string {
	return safeLine(e.Path + ": " + errText(e.Err))
}

// Unwrap returns the cause.
func (e *InputError) Unwrap() error { return e.Err }

// FetchError reports that a catalog could not be fetched: network failure,
// timeout, HTTP error status, a truncated body, or an OCI pull failure. It
// means "could not decide", so the command layer maps it to exit code 3.
type FetchError struct {
	URL    string
	Status int // HTTP status when the server answered with an error; else 0
	Err    error
}

var _ error = (*FetchError)(nil)

// Error reads "fetching URL: cause".
func (e *FetchError) Error() string {
	msg := "fetching " + e.URL + ": "
	if e.Status != 0 && e.Err == nil {
		return safeLine(msg + "HTTP " + strconv.Itoa(e.Status))
	}
	return safeLine(msg + errText(e.Err))
}

// Unwrap returns the cause.
func (e *FetchError) Unwrap() error { return e.Err }

func errText(err error) string {
	if err == nil {
		return "unknown error"
	}
	return err.Error()
}

func parseErrorf(file string, line int, field, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Field: field, Err: fmt.Errorf(format, args...)}
}

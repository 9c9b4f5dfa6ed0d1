package lock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// Caps on what a lock file may hold.
const (
	MaxBytes     = 8 << 20 // the whole file
	MaxServers   = 10000
	MaxPlatforms = 64
	maxString    = 1024
	maxDepth     = 8
)

// ParseError is a malformed lock file.
type ParseError struct {
	File string
	Err  error
}

// Error names the file and what is wrong.
func (e *ParseError) Error() string { return fmt.Sprintf("lock file %s: %v", e.File, e.Err) }

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// patterns are compiled on first use, not at the start of every command
// (issue 11: counted repetitions make large programs).
var patterns = sync.OnceValue(func() *lockPatterns {
	return &lockPatterns{
		name:     regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,127}$`),
		digest:   regexp.MustCompile(`^sha256:[0-9a-f]{64}$`),
		pin:      regexp.MustCompile(`^[0-9a-f]{40}$`),
		platform: regexp.MustCompile(`^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$`),
	}
})

type lockPatterns struct{ name, digest, pin, platform *regexp.Regexp }

// Parse reads a lock file strictly. file names it in errors.
func Parse(data []byte, file string) (*File, error) {
	bad := func(format string, args ...any) error {
		return &ParseError{File: file, Err: fmt.Errorf(format, args...)}
	}
	if len(data) > MaxBytes {
		return nil, bad("%d bytes exceeds the %d MiB limit", len(data), MaxBytes>>20)
	}
	if err := checkTokens(data); err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, bad("%v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad("trailing data after the lock object")
	}
	if err := f.validate(); err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	return &f, nil
}

// checkTokens walks the document once: an object at the top, bounded
// depth, no duplicate keys at any level, no string longer than the cap.
func checkTokens(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var w tokenWalk
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := w.next(tok); err != nil {
			return err
		}
	}
}

// tokenWalk is the state of checkTokens: the open objects and arrays.
type tokenWalk struct{ stack []*frame }

// frame is one open object (with the keys seen so far) or array.
type frame struct {
	obj     bool
	keys    map[string]bool
	wantKey bool
}

func (w *tokenWalk) next(tok json.Token) error {
	var top *frame
	if len(w.stack) > 0 {
		top = w.stack[len(w.stack)-1]
	} else if tok != json.Delim('{') {
		return errors.New("not a JSON object")
	}
	isKey := top != nil && top.obj && top.wantKey
	if top != nil && top.obj && tok != json.Delim('}') {
		top.wantKey = !top.wantKey // key, value, key, value...
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '}' || t == ']' {
			w.stack = w.stack[:len(w.stack)-1]
			return nil
		}
		if len(w.stack) >= maxDepth {
			return fmt.Errorf("nested deeper than %d", maxDepth)
		}
		w.stack = append(w.stack, &frame{obj: t == '{', keys: map[string]bool{}, wantKey: true})
	case string:
		if len(t) > maxString {
			return fmt.Errorf("a string of %d bytes exceeds the %d-byte limit", len(t), maxString)
		}
		if isKey && top.keys[t] {
			return fmt.Errorf("duplicate key %q", t)
		}
		if isKey {
			top.keys[t] = true
		}
	}
	return nil
}

// validate checks every value, so nothing malformed reaches a comparison
// or a terminal.
func (f *File) validate() error {
	if f.Version != Version {
		return fmt.Errorf("version %d, want %d", f.Version, Version)
	}
	if f.Servers == nil {
		return errors.New("no servers object")
	}
	if len(f.Servers) > MaxServers {
		return fmt.Errorf("%d servers exceeds the limit of %d", len(f.Servers), MaxServers)
	}
	for name, e := range f.Servers {
		if !patterns().name.MatchString(name) {
			return fmt.Errorf("server name %q: want lowercase letters, digits, '.', '_' or '-'", name)
		}
		if err := e.validate(); err != nil {
			return fmt.Errorf("server %s: %w", name, err)
		}
	}
	return nil
}

func (e *Entry) validate() error {
	switch {
	case e.Image == "" || strings.ContainsAny(e.Image, "@ \t\r\n"):
		return fmt.Errorf("image %q: want a repository without digest", e.Image)
	case !patterns().digest.MatchString(e.Digest):
		return fmt.Errorf("digest %q: want sha256: and 64 lowercase hex digits", e.Digest)
	case !patterns().pin.MatchString(e.Pin):
		return fmt.Errorf("pin %q: want 40 lowercase hex digits", e.Pin)
	case !patterns().digest.MatchString(e.SignerKey):
		return fmt.Errorf("signer_key %q: want sha256: and 64 lowercase hex digits", e.SignerKey)
	case e.RekorLogIndex != nil && *e.RekorLogIndex < 0:
		return fmt.Errorf("rekor_log_index %d: negative", *e.RekorLogIndex)
	case e.Catalog == "":
		return errors.New("no catalog")
	case e.LockedAt.IsZero():
		return errors.New("no locked_at")
	case len(e.Platforms) > MaxPlatforms:
		return fmt.Errorf("%d platforms exceeds the limit of %d", len(e.Platforms), MaxPlatforms)
	}
	for p, d := range e.Platforms {
		if !patterns().platform.MatchString(p) || !patterns().digest.MatchString(d) {
			return fmt.Errorf("platform %q: %q: want os/arch[/variant] and a sha256 digest", p, d)
		}
	}
	return nil
}

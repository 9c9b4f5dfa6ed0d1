package catalog

import (
	"fmt"
	"strings"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// PinState says whether source.commit pins a build to one exact commit.
type PinState string

// Pin states. Only PinPinned counts as a pin anywhere in mcp-trust.
const (
	// PinPinned: source.commit is canonical, ^[0-9a-f]{40}$.
	PinPinned PinState = "pinned"
	// PinUnpinned: a type server entry with no source.commit.
	PinUnpinned PinState = "unpinned"
	// PinMalformed: a commit is given but is not canonical: uppercase, short,
	// 64-hex, whitespace, a branch or tag name, an option-looking string.
	PinMalformed PinState = "malformed"
	// PinNone: not applicable; a remote or poci entry with no commit.
	PinNone PinState = "none"
)

// String returns the state's word.
func (p PinState) String() string { return string(p) }

// ClassifyPin classifies a raw source.commit value. It never trims, folds
// case or parses numbers: the raw text is compared as is (THREATS A8/A9).
func ClassifyPin(commit string) PinState {
	switch {
	case commit == "":
		return PinUnpinned
	case isCanonicalPin(commit):
		return PinPinned
	default:
		return PinMalformed
	}
}

// CheckPin explains why commit is not a canonical pin; nil when it is.
// Every non-nil error wraps ErrBadPin.
func CheckPin(commit string) error {
	if commit == "" {
		return fmt.Errorf("%w: missing: type server needs source.commit", ErrBadPin)
	}
	if isCanonicalPin(commit) {
		return nil
	}
	hexOnly := strings.Trim(strings.ToLower(commit), "0123456789abcdef") == ""
	switch {
	case hexOnly && len(commit) == 40:
		return fmt.Errorf("%w: not canonical: must be lowercase 40-hex (got %q)", ErrBadPin, commit)
	case hexOnly:
		return fmt.Errorf("%w: %d hex characters, want a full 40-hex commit (got %q)", ErrBadPin, len(commit), commit)
	case strings.TrimSpace(commit) != commit:
		return fmt.Errorf("%w: contains whitespace (got %q)", ErrBadPin, commit)
	default:
		return fmt.Errorf("%w: not a 40-hex commit id (got %q)", ErrBadPin, commit)
	}
}

// pinOf decides the pin state of an entry: the commit decides when there is
// one; without one, type server is unpinned and the others not applicable.
func pinOf(s *Server) PinState {
	if s.Source.Commit == "" && s.Type != TypeServer {
		return PinNone
	}
	return ClassifyPin(s.Source.Commit)
}

// imageRef is a parsed image reference.
type imageRef struct {
	host   string // "" for Docker Hub short form
	path   string // repository path, e.g. "mcp/github"
	tag    string
	digest string // "sha256:<64 lowercase hex>"
}

// parseImageRef parses an image reference strictly (lowercase repository,
// sha256 digests only). It is used to decide the namespace and digest.
func parseImageRef(s string) (imageRef, error) {
	var r imageRef
	name := s
	if i := strings.IndexByte(s, '@'); i >= 0 {
		name, r.digest = s[:i], s[i+1:]
		if !isRefDigest(r.digest) {
			return r, fmt.Errorf("malformed digest %q", r.digest)
		}
	}
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		name, r.tag = name[:i], name[i+1:]
		if !isRefTag(r.tag) {
			return r, fmt.Errorf("malformed tag %q", r.tag)
		}
	}
	parts := strings.Split(name, "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		r.host, parts = parts[0], parts[1:]
		if !isRefHost(r.host) {
			return r, fmt.Errorf("malformed registry host %q", r.host)
		}
	}
	for _, p := range parts {
		if !isRefComponent(p) {
			return r, fmt.Errorf("malformed repository %q", name)
		}
	}
	r.path = strings.Join(parts, "/")
	return r, nil
}

// dockerBuilt reports whether image is mcp/<name> on Docker Hub, the
// namespace only Docker's build pipeline pushes to
// (imageref.Ref.DockerBuilt).
func dockerBuilt(image string) bool {
	r, err := imageref.Parse(image)
	return err == nil && r.DockerBuilt()
}

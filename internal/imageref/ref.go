package imageref

import (
	"errors"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

// Ref is a parsed image reference: repository, optional tag, optional
// digest.
type Ref struct {
	repo   name.Repository
	tag    string
	digest string
}

// Parse reads repo[:tag][@digest] in any of its usual spellings. It is as
// strict as the registry client: lowercase repository, valid tag and digest.
func Parse(s string) (Ref, error) {
	if s == "" {
		return Ref{}, errors.New("empty image reference")
	}
	repo, tag, digest := Split(s)
	r, err := name.NewRepository(repo)
	if err != nil {
		return Ref{}, err
	}
	// name.NewTag and name.NewDigest parse the repository again (NewDigest
	// twice). The usual tag and digest are accepted without them; anything
	// else is left to them, so they decide every rejection and its wording.
	if tag != "" && !plainTag(tag) {
		if _, err := name.NewTag(repo + ":" + tag); err != nil {
			return Ref{}, err
		}
	}
	if strings.Contains(s, "@") && !plainDigest(digest) {
		if _, err := name.NewDigest(repo + "@" + digest); err != nil {
			return Ref{}, err
		}
	}
	return Ref{repo: r, tag: tag, digest: digest}, nil
}

// plainTag: 1 to 128 of [A-Za-z0-9_.-], which name.NewTag accepts after a
// valid repository.
func plainTag(t string) bool {
	if len(t) < 1 || len(t) > 128 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// plainDigest: sha256: and 64 lowercase hex digits, which name.NewDigest
// accepts after a valid repository.
func plainDigest(d string) bool {
	hexPart, ok := strings.CutPrefix(d, "sha256:")
	if !ok || len(hexPart) != 64 {
		return false
	}
	for i := 0; i < len(hexPart); i++ {
		if c := hexPart[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Split cuts repo[:tag][@digest] into its parts without validating them;
// the colon of a registry port is not a tag separator.
func Split(s string) (repo, tag, digest string) {
	repo, digest, _ = strings.Cut(s, "@")
	if i := strings.LastIndex(repo, ":"); i >= 0 && !strings.Contains(repo[i+1:], "/") {
		repo, tag = repo[:i], repo[i+1:]
	}
	return repo, tag, digest
}

// Context is the repository as the registry client needs it, registry
// spelt as written (registry-1.docker.io stays itself).
func (r Ref) Context() name.Repository { return r.repo }

// Registry is the registry host[:port], "index.docker.io" for Docker Hub
// in any spelling (docker.io, registry-1.docker.io, none).
func (r Ref) Registry() string {
	if reg := r.repo.RegistryStr(); reg != dockerHubAPI {
		return reg
	}
	return name.DefaultRegistry
}

// dockerHubAPI is Docker Hub's registry API host, another spelling of it.
const dockerHubAPI = "registry-1.docker.io"

// Path is the repository path without registry: "mcp/x", "library/alpine".
func (r Ref) Path() string { return r.repo.RepositoryStr() }

// Repository is registry and path, normalised: index.docker.io/mcp/x.
func (r Ref) Repository() string { return r.Registry() + "/" + r.Path() }

// Tag is the tag as written, or "".
func (r Ref) Tag() string { return r.tag }

// Digest is the digest as written, or "".
func (r Ref) Digest() string { return r.digest }

// OnDockerHub reports whether the registry is Docker Hub in any spelling.
func (r Ref) OnDockerHub() bool { return r.Registry() == name.DefaultRegistry }

// SignatureRepository is Docker's signature repository, mcp/signatures.
const SignatureRepository = "mcp/signatures"

// InMCPNamespace reports whether the path is mcp/<name>, the namespace only
// Docker's build pipeline pushes to, on any registry. mcp/signatures holds
// signatures, not images, and is not in it.
func (r Ref) InMCPNamespace() bool {
	rest, ok := strings.CutPrefix(r.Path(), "mcp/")
	return ok && rest != "" && !strings.Contains(rest, "/") && r.Path() != SignatureRepository
}

// DockerBuilt reports whether the image is mcp/<name> on Docker Hub: the
// names Docker builds, signs and publishes. The catalog's tiers use it.
func (r Ref) DockerBuilt() bool { return r.InMCPNamespace() && r.OnDockerHub() }

// Enforced reports whether a missing pin or signature on this image is a
// failure: it is DockerBuilt, or mcp/<name> on a loopback registry (a local
// copy: the demo and tests).
func (r Ref) Enforced() bool {
	return r.InMCPNamespace() && (r.OnDockerHub() || IsLoopback(HostOnly(r.Registry())))
}

// SameRepository reports whether two references name one repository,
// ignoring tag and digest: mcp/x:1 and docker.io/mcp/x@sha256:... are the
// same. Unparsable references are never the same.
func SameRepository(a, b string) bool {
	ra, errA := Parse(a)
	rb, errB := Parse(b)
	return errA == nil && errB == nil && ra.Repository() == rb.Repository()
}

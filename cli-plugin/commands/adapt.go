package commands

import (
	"strings"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/verify"
)

// targetFor adapts a catalog entry to a verify.Target. Enforcement follows
// the image, not the tier: an mcp/* image whose pin is malformed is still an
// image Docker builds and signs, so a missing signature there is a failure,
// not "not enforceable".
func targetFor(s *catalog.Server, sigRepo string) verify.Target {
	ref := withLatest(s.Image)
	if s.Digest != "" && !strings.Contains(ref, "@") {
		ref += "@" + s.Digest
	}
	t := verify.Target{
		Name:           s.Name,
		Ref:            ref,
		CatalogDigest:  s.Digest,
		ExpectedCommit: s.Source.Commit,
		SourceRepo:     s.Source.Project,
		Enforce:        isMCPImage(s.Image),
	}
	t.SignatureRepo = sigRepo
	if t.SignatureRepo == "" {
		t.SignatureRepo = verify.DefaultSignatureRepo(ref, "")
	}
	return t
}

// withLatest gives a digest-pinned reference without a tag the tag
// "latest", so verify can report whether the tag still points at the
// catalog's digest. The published catalog writes mcp/x@sha256:... .
func withLatest(ref string) string {
	repo, digest, ok := strings.Cut(ref, "@")
	if !ok || strings.LastIndex(repo, ":") > strings.LastIndex(repo, "/") {
		return ref
	}
	return repo + ":latest@" + digest
}

// imageTarget builds a target for an image named on the command line that
// no catalog entry uses: there is no pin to compare, so the pin check fails
// for mcp/* images and the result is "not enforceable" for others.
func imageTarget(ref, sigRepo string) verify.Target {
	t := verify.Target{Ref: ref, Enforce: isMCPImage(ref), SignatureRepo: sigRepo}
	if _, d, ok := strings.Cut(ref, "@"); ok {
		t.CatalogDigest = d
	}
	if t.SignatureRepo == "" {
		t.SignatureRepo = verify.DefaultSignatureRepo(ref, "")
	}
	return t
}

// isMCPImage reports whether ref names a repository in Docker's mcp/
// namespace: mcp/x, docker.io/mcp/x, index.docker.io/mcp/x, or the same
// path on a loopback registry (the demo and the tests).
func isMCPImage(ref string) bool {
	repo, _, _ := strings.Cut(ref, "@")
	first, rest, ok := strings.Cut(repo, "/")
	if !ok {
		return false
	}
	if strings.ContainsAny(first, ".:") || first == "localhost" {
		if !isDockerHub(first) && !isLoopbackHost(first) {
			return false
		}
		repo = rest
	}
	return strings.HasPrefix(repo, "mcp/") && !strings.HasPrefix(repo, "mcp/signatures")
}

func isDockerHub(host string) bool {
	return host == "docker.io" || host == "index.docker.io" || host == "registry-1.docker.io"
}

func isLoopbackHost(hostport string) bool {
	host := hostport
	if i := strings.LastIndex(hostport, ":"); i >= 0 && !strings.HasSuffix(hostport, "]") {
		host = hostport[:i]
	}
	host = strings.Trim(host, "[]")
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

// findByImage returns the catalog entry whose image names the same
// repository as ref, so `verify mcp/x:latest` still compares with x's pin.
func findByImage(cat *catalog.Catalog, ref string) *catalog.Server {
	want := repoOf(ref)
	for _, s := range cat.Servers {
		if s.Image != "" && repoOf(s.Image) == want {
			return s
		}
	}
	return nil
}

// repoOf strips the tag and digest of an image reference and the implicit
// Docker Hub host, so spellings of one repository compare equal.
func repoOf(ref string) string {
	repo, _, _ := strings.Cut(ref, "@")
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		repo = strings.TrimPrefix(repo, p)
	}
	return strings.TrimPrefix(repo, "library/")
}

// looksLikeImage tells a server name (lowercase, dashes) from an image
// reference, which has a slash, a tag or a digest.
func looksLikeImage(arg string) bool {
	return strings.ContainsAny(arg, "/:@")
}

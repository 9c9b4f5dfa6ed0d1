package verify

import (
	"errors"
	"regexp"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// Target is one image to verify. Its JSON form is part of the Result
// contract.
type Target struct {
	// Name is a display name such as the catalog server name; optional.
	Name string `json:"name,omitempty"`
	// Ref is the image reference: repository with a tag, a digest or both.
	Ref string `json:"ref"`
	// CatalogDigest is the sha256:... digest the catalog pinned, if any. When
	// set, that digest is verified and the tag is only reported beside it.
	CatalogDigest string `json:"catalog_digest,omitempty"`
	// ExpectedCommit is the git commit the registry entry pins.
	ExpectedCommit string `json:"expected_commit"`
	// ExpectedRepo is the repository the signature's docker-reference must
	// name; default the Ref's repository.
	ExpectedRepo string `json:"expected_repo,omitempty"`
	// SourceRepo is the git repository the catalog builds from
	// (source.project); the provenance check compares it with the build's
	// attested source. Empty skips that check.
	SourceRepo string `json:"source_repo,omitempty"`
	// SignatureRepo is where signatures are looked up; default
	// DefaultSignatureRepo(Ref, ""), else the image's own repository.
	SignatureRepo string `json:"signature_repo,omitempty"`
	// Enforce is true for Docker-built mcp/* images. When false a missing pin
	// or signature gives VerdictNotEnforceable instead of a failure.
	Enforce bool `json:"enforce"`
}

var (
	digestRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	pinRE    = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// plan is a validated Target, parsed once.
type plan struct {
	target  Target
	repo    name.Repository // the image repository
	display string          // the Ref's repository as the user spelt it
	tag     string          // the tag to resolve or report; may be empty
	digest  string          // the digest to verify when pinned; may be empty
	want    name.Repository // the repository the signature must name
	sigRepo name.Repository // where signatures live
}

// parseTarget validates t. Every problem is an *InputError.
func parseTarget(t Target) (*plan, error) {
	p := &plan{target: t}
	if err := p.parseRef(t.Ref); err != nil {
		return nil, err
	}
	if err := p.pinDigest(t.CatalogDigest); err != nil {
		return nil, err
	}
	var err error
	p.want = p.repo
	if t.ExpectedRepo != "" {
		if p.want, err = parseRepo(t.ExpectedRepo); err != nil {
			return nil, &InputError{Field: "expected repository", Value: t.ExpectedRepo, Err: err}
		}
	}
	sig := t.SignatureRepo
	if sig == "" {
		sig = DefaultSignatureRepo(t.Ref, "")
		p.target.SignatureRepo = sig
	}
	p.sigRepo = p.repo
	if sig != "" {
		if p.sigRepo, err = parseRepo(sig); err != nil {
			return nil, &InputError{Field: "signature repository", Value: sig, Err: err}
		}
	}
	return p, nil
}

// parseRef splits repo[:tag][@digest]. Without tag or digest the tag is
// "latest", as docker does.
func (p *plan) parseRef(ref string) error {
	bad := func(err error) error { return &InputError{Field: "image reference", Value: ref, Err: err} }
	display, tag, digest := imageref.Split(ref)
	hasDigest := strings.Contains(ref, "@")
	if hasDigest && !digestRE.MatchString(digest) {
		return bad(errors.New("digest must be sha256: and 64 lowercase hex digits"))
	}
	repo, err := parseRepo(display)
	if err != nil {
		return bad(err)
	}
	if tag != "" {
		if _, err := name.NewTag(repo.Name() + ":" + tag); err != nil {
			return bad(err)
		}
	}
	if tag == "" && !hasDigest {
		tag = "latest"
	}
	p.repo, p.display, p.tag, p.digest = repo, display, tag, digest
	return nil
}

// pinDigest records the catalog digest, which must agree with a digest in
// the Ref.
func (p *plan) pinDigest(d string) error {
	if d == "" {
		return nil
	}
	if !digestRE.MatchString(d) {
		return &InputError{Field: "catalog digest", Value: d, Err: errors.New("want sha256: and 64 lowercase hex digits")}
	}
	if p.digest != "" && p.digest != d {
		return &InputError{Field: "catalog digest", Value: d, Err: errors.New("differs from the digest in the image reference")}
	}
	p.digest = d
	return nil
}

// parseRepo parses a repository name in its usual spellings: mcp/x,
// docker.io/mcp/x, index.docker.io/mcp/x and host:port/mcp/x all work.
func parseRepo(s string) (name.Repository, error) {
	if s == "" {
		return name.Repository{}, errors.New("empty repository")
	}
	return name.NewRepository(s)
}

// sameRepo compares repositories after normalisation: index.docker.io/mcp/x,
// docker.io/mcp/x and mcp/x are one repository; other registries compare by
// host:port and path.
func sameRepo(a, b name.Repository) bool {
	return a.RegistryStr() == b.RegistryStr() && a.RepositoryStr() == b.RepositoryStr()
}

// DefaultSignatureRepo returns where cosign signatures for ref live: env (the
// COSIGN_REPOSITORY value) when set, else <registry>/mcp/signatures for an
// mcp/<name> image on any registry (Docker keeps signatures beside the
// images), else "" meaning the image's own repository. This is the only
// place that decides it; a Target without SignatureRepo gets it, and its
// Result echoes the repository chosen.
func DefaultSignatureRepo(ref string, env string) string {
	if env != "" {
		return env
	}
	r, err := imageref.Parse(ref)
	if err != nil || !r.InMCPNamespace() {
		return ""
	}
	return r.Context().RegistryStr() + "/" + imageref.SignatureRepository
}

// resolvedRef is the reference to run: the repository as the user spelt it,
// pinned by digest.
func (p *plan) resolvedRef(digest string) string {
	return p.display + "@" + digest
}

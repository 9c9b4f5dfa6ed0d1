package commands

import (
	"strings"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/imageref"
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
		Enforce:        enforced(s.Image),
		SignatureRepo:  sigRepo, // "": verify decides
	}
	return t
}

// withLatest gives a digest-pinned reference without a tag the tag
// "latest", so verify can report whether the tag still points at the
// catalog's digest. The published catalog writes mcp/x@sha256:... .
func withLatest(ref string) string {
	repo, tag, digest := imageref.Split(ref)
	if digest == "" || tag != "" {
		return ref
	}
	return repo + ":latest@" + digest
}

// imageTarget builds a target for an image named on the command line that
// no catalog entry uses: there is no pin to compare, so the pin check fails
// for mcp/* images and the result is "not enforceable" for others.
func imageTarget(ref, sigRepo string) verify.Target {
	t := verify.Target{Ref: ref, Enforce: enforced(ref), SignatureRepo: sigRepo}
	if _, _, d := imageref.Split(ref); d != "" {
		t.CatalogDigest = d
	}
	return t
}

// enforced reports whether a missing pin or signature on ref is a failure
// (imageref.Ref.Enforced); an unparsable reference is not, and verify
// reports why it cannot be checked.
func enforced(ref string) bool {
	r, err := imageref.Parse(ref)
	return err == nil && r.Enforced()
}

// findByImage returns the catalog entry whose image names the same
// repository as ref, so `verify mcp/x:latest` still compares with x's pin.
func findByImage(cat *catalog.Catalog, ref string) *catalog.Server {
	for _, s := range cat.Servers {
		if s.Image != "" && imageref.SameRepository(s.Image, ref) {
			return s
		}
	}
	return nil
}

// looksLikeImage tells a server name (lowercase, dashes) from an image
// reference, which has a slash, a tag or a digest.
func looksLikeImage(arg string) bool {
	return strings.ContainsAny(arg, "/:@")
}

// registryPolicy keeps a catalog that came from the network (a URL or an
// OCI artifact) from pointing the verifier at this machine or its private
// network (THREATS A12). A catalog the user has on disk, and the demo, may
// name loopback registries.
func registryPolicy(cat *catalog.Catalog) []verify.Option {
	if cat.Kind == catalog.KindURL || cat.Kind == catalog.KindOCI {
		return []verify.Option{verify.WithRegistryPolicy(verify.PublicRegistriesOnly)}
	}
	return nil
}

package demo

import (
	"strings"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/demo/demosign"
	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// oldCommit is the "older build" of the rollback scenario.
const oldCommit = "0000000000000000000000000000000000000001"

// seed pushes s's image per its scenario and points s at the registry.
func (w *World) seed(s *catalog.Server) error {
	sc := scenarioFor(s)
	repo := w.Host + "/" + repoPath(s.Image)
	ref := repo + ":" + tagOf(s.Image)
	rev := labelFor(s)
	var (
		digest string
		err    error
	)
	switch sc {
	case BadPlatform:
		digest, _, err = ocitest.PushIndex(ref, []ocitest.Platform{
			{Arch: "amd64", Labels: ocitest.Revision(rev)},
			{Arch: "arm64", Labels: ocitest.Revision(oldCommit)},
		}, true)
	case Rollback:
		digest, err = ocitest.PushImage(ref, ocitest.Platform{Labels: ocitest.Revision(oldCommit)})
		rev = oldCommit
	case Impostor:
		digest, err = ocitest.PushImage(ref, ocitest.Platform{Labels: ocitest.Revision(oldCommit)})
	default:
		digest, err = ocitest.PushImage(ref, ocitest.Platform{Labels: ocitest.Revision(rev)})
	}
	if err != nil {
		return err
	}
	if err := w.sign(sc, repo, digest, rev); err != nil {
		return err
	}
	if sc == Moved {
		// The catalog keeps the signed digest; the tag moves on.
		if _, err := ocitest.PushImage(ref, ocitest.Platform{Labels: ocitest.Revision(rev)}); err != nil {
			return err
		}
	}
	w.point(s, repo, ref, digest, sc)
	return nil
}

// sign signs digest as the scenario requires.
func (w *World) sign(sc Scenario, repo, digest, rev string) error {
	sigRepo := w.Host + "/mcp/signatures"
	switch sc {
	case Unsigned, Publisher, Impostor:
		return nil
	case WrongKey:
		return w.other.SignImage(sigRepo, repo, digest, rev, w.rekor)
	case Replayed:
		other, err := ocitest.PushImage(repo+":replay-source", ocitest.Platform{Labels: ocitest.Revision(rev)})
		if err != nil {
			return err
		}
		sig, err := w.key.NewSig(demosign.Claims{Digest: other, Reference: repo, Revision: rev}, w.rekor)
		if err != nil {
			return err
		}
		return ocitest.PushSignatures(sigRepo, digest, []ocitest.SigLayer{sig})
	}
	return w.key.SignImage(sigRepo, repo, digest, rev, w.rekor)
}

// labelFor is the revision an honest build of s carries: its pin, lower-cased
// when the pin is upper-case hex (the build still happened; the catalog's
// spelling is what is wrong), or a made-up commit when there is no pin.
func labelFor(s *catalog.Server) string {
	if c := strings.ToLower(s.Source.Commit); len(c) == 40 {
		return c
	}
	return "feedfacefeedfacefeedfacefeedfacefeedface"
}

// point rewrites s to name the local registry. Entries pinned by digest
// keep a digest pin, to the digest actually pushed.
func (w *World) point(s *catalog.Server, repo, ref, digest string, sc Scenario) {
	w.Expect[s.Name] = sc
	if s.Digest != "" || sc == Moved {
		// As the published catalog writes it: repository and digest, no tag.
		s.Image, s.Digest = repo+"@"+digest, digest
		return
	}
	s.Image = ref
}

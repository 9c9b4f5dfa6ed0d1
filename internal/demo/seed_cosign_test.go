package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	ociremote "github.com/sigstore/cosign/v3/pkg/oci/remote"

	"github.com/mcp-trust/mcp-trust/verify/verifytest/cosignref"
)

// TestCosignVerifiesEverySeededSignature checks every signature the demo
// seeds with cosign's own image verifier, as `cosign verify --key
// demo.pub --offline` would with the demo's log key trusted: the honest
// ones verify for their image, the wrong-key one verifies only under the
// other key, the replayed one only for the image it was made for, and the
// unsigned scenarios carry no signature at all.
func TestCosignVerifiesEverySeededSignature(t *testing.T) {
	w, err := Seed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	seen := map[Scenario]bool{}
	for srv, sc := range w.Expect {
		s, _ := w.Catalog.Lookup(srv)
		repo, digest := w.resolve(t, s.Image)
		seen[sc] = true
		switch sc {
		case Unsigned, Publisher, Impostor:
			if n := w.cosignSignatures(t, repo, digest); n != 0 {
				t.Errorf("%s (%s): %d signatures, want none", srv, sc, n)
			}
		case WrongKey:
			w.wantCosign(t, srv, repo, digest, w.KeyPEM, false)
			w.wantCosign(t, srv, repo, digest, w.other.PublicPEM(), true)
		case Replayed:
			w.wantCosign(t, srv, repo, digest, w.KeyPEM, false)
			source, err := remote.Head(mustRef(t, repo+":replay-source"))
			if err != nil {
				t.Fatal(err)
			}
			w.copySignatures(t, repo, digest, source.Digest.String())
			w.wantCosign(t, srv, repo, source.Digest.String(), w.KeyPEM, true)
		default:
			w.wantCosign(t, srv, repo, digest, w.KeyPEM, true)
		}
	}
	for _, sc := range []Scenario{Good, Moved, BadPlatform, Rollback, Replayed, WrongKey, Unsigned, Publisher, BadPin, Impostor} {
		if !seen[sc] {
			t.Errorf("no demo entry has scenario %s", sc)
		}
	}
}

// resolve is the repository and the digest a demo entry's image names.
func (w *World) resolve(t *testing.T, image string) (string, string) {
	t.Helper()
	if repo, digest, ok := strings.Cut(image, "@"); ok {
		return repo, digest
	}
	ref := mustRef(t, image)
	desc, err := remote.Head(ref)
	if err != nil {
		t.Fatal(err)
	}
	return ref.Context().Name(), desc.Digest.String()
}

// wantCosign runs cosign.VerifyImageSignatures on repo@digest with the
// demo's signatures repository, signing key signerPEM and the demo log.
func (w *World) wantCosign(t *testing.T, srv, repo, digest string, signerPEM []byte, ok bool) {
	t.Helper()
	co, err := cosignref.KeyOpts(signerPEM, w.RekorPEM)
	if err != nil {
		t.Fatal(err)
	}
	co.RegistryClientOpts = []ociremote.Option{ociremote.WithTargetRepository(mustRepo(t, w.Host+"/mcp/signatures"))}
	sigs, bundled, err := cosign.VerifyImageSignatures(context.Background(), mustRef(t, repo+"@"+digest), co)
	if got := err == nil && len(sigs) == 1 && bundled; got != ok {
		t.Errorf("%s: cosign verify %s@%s = %d signatures, bundle verified %v, %v; want ok %v", srv, repo, digest, len(sigs), bundled, err, ok)
	}
}

// cosignSignatures counts the classic signatures cosign finds for digest.
func (w *World) cosignSignatures(t *testing.T, repo, digest string) int {
	t.Helper()
	list, err := cosignref.Signatures(repo+"@"+digest, w.Host+"/mcp/signatures")
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// copySignatures attaches from's signature manifest to to as well, so that
// cosign can be asked about the image a replayed signature was made for.
func (w *World) copySignatures(t *testing.T, repo, from, to string) {
	t.Helper()
	opt := ociremote.WithTargetRepository(mustRepo(t, w.Host+"/mcp/signatures"))
	src, err := ociremote.SignatureTag(mustRef(t, repo+"@"+from), opt)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := ociremote.SignatureTag(mustRef(t, repo+"@"+to), opt)
	if err != nil {
		t.Fatal(err)
	}
	img, err := remote.Image(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(dst, img); err != nil {
		t.Fatal(err)
	}
}

func mustRef(t *testing.T, s string) name.Reference {
	t.Helper()
	r, err := name.ParseReference(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustRepo(t *testing.T, s string) name.Repository {
	t.Helper()
	r, err := name.NewRepository(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/internal/simplesigning"
)

// A classic signature's payload is cosign's simple-signing JSON, which is
// deterministic: `cosign sign` marshals payload.Cosign with encoding/json,
// so the bytes follow from the docker-reference, the signed digest and the
// annotations alone. When one of the few payloads cosign would have written
// for the image being verified hashes to a layer's digest, those are the
// layer's bytes (the digest pins them, as getByDigest's check would), and
// the blob fetch, one sequential round trip, is skipped. Every check still
// runs on them; a payload that is not one of these is fetched as before.

// payloadGuesses is the candidate payloads for one verify, built at most
// once and only when a layer's size matches none is skipped.
type payloadGuesses struct {
	byDigest map[string][]byte // "sha256:<hex>" -> payload
}

// newPayloadGuesses builds the candidates for the resolved digest: each
// spelling of the expected repository cosign could write, with no
// annotations (null, or an empty map) and with the pinned revision alone.
func newPayloadGuesses(want name.Repository, digest, pin string) *payloadGuesses {
	g := &payloadGuesses{byDigest: map[string][]byte{}}
	optionals := []map[string]string{nil, {}}
	if pin != "" {
		optionals = append(optionals, map[string]string{simplesigning.RevisionAnnotation: pin})
	}
	for _, ref := range repoSpellings(want) {
		for _, opt := range optionals {
			p := simplesigning.Encode(ref, digest, opt)
			sum := sha256.Sum256(p)
			g.byDigest["sha256:"+hex.EncodeToString(sum[:])] = p
		}
	}
	return g
}

// lookup returns the candidate with d's digest and size, or nil.
func (g *payloadGuesses) lookup(d v1.Descriptor) []byte {
	p := g.byDigest[d.Digest.String()]
	if p == nil || int64(len(p)) != d.Size {
		return nil
	}
	return bytes.Clone(p)
}

// repoSpellings is how a signer may name want: ggcr's full name (what cosign
// writes, index.docker.io/... for Docker Hub) and, for Docker Hub, the
// docker.io/... and the short forms.
func repoSpellings(want name.Repository) []string {
	out := []string{want.Name()}
	if want.RegistryStr() == name.DefaultRegistry {
		out = append(out, "docker.io/"+want.RepositoryStr(), want.RepositoryStr())
	}
	return out
}

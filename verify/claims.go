package verify

import (
	"encoding/json"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/internal/simplesigning"
)

// claims checks what a signature whose cryptography verified says: the
// digest (as cosign's SimpleClaimVerifier compares it, THREATS C3), the
// docker-reference that cosign ignores (C4), and the revision annotation
// (C5). It returns how many stages passed.
func (r *run) claims(raw []byte, digest v1.Hash) (int, error) {
	p, err := readPayload(raw, digest)
	if err != nil {
		return rankSigned, err
	}
	if err := r.identity(p.Critical.Identity.DockerReference); err != nil {
		return rankDigest, err
	}
	if !r.pinOK {
		return rankAll, nil
	}
	rev, ok := p.Optional[simplesigning.RevisionAnnotation].(string)
	switch {
	case !ok:
		return rankReference, trustf("signature has no %s annotation", RevisionLabel)
	case rev != r.p.target.ExpectedCommit:
		return rankReference, trustf("signed revision %q, catalog pins %s", rev, r.p.target.ExpectedCommit)
	}
	return rankAll, nil
}

// readPayload parses a simple-signing payload and requires it to be a
// cosign signature claiming digest.
func readPayload(raw []byte, digest v1.Hash) (*simplesigning.Payload, error) {
	var p simplesigning.Payload
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, trustf("parsing payload: %w", err)
	}
	if p.Critical.Type != simplesigning.Type {
		return nil, trustf("payload type %q is not a cosign container image signature", p.Critical.Type)
	}
	if p.Critical.Image.DockerManifestDigest != digest.String() {
		return nil, trustf("signature is for %s, not %s", p.Critical.Image.DockerManifestDigest, digest)
	}
	return &p, nil
}

// identity requires the signed docker-reference to name the expected
// repository, after normalising Docker Hub spellings.
func (r *run) identity(ref string) error {
	if ref == "" {
		return trustf("identity mismatch: signature names no docker-reference")
	}
	got, err := name.ParseReference(ref)
	if err != nil {
		return trustf("identity mismatch: docker-reference %q does not parse", ref)
	}
	if !sameRepo(got.Context(), r.p.want) {
		return trustf("identity mismatch: signed for %s, expected %s", got.Context().Name(), r.p.want.Name())
	}
	return nil
}

// keyName words which key a signature was checked under.
func (r *run) keyName() string {
	if r.v.cfg.customKey {
		return "a custom key"
	}
	return "the Docker MCP key"
}

// describe is the reason for a passing signature.
func (r *run) describe(valid, total int, bundle bool) string {
	s := fmt.Sprintf("%d of %d signature%s valid under %s for %s", valid, total, plural(total), r.keyName(), r.res.Digest)
	if bundle {
		s += " (sigstore bundle referrer, which names no repository)"
	} else {
		s += " as " + r.p.want.Name()
	}
	if r.pinOK {
		s += " at revision " + r.p.target.ExpectedCommit
	}
	return s
}

package verify

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Artifact is a single-layer OCI artifact read by FetchArtifact.
type Artifact struct {
	// Ref is the artifact as repo@sha256:..., the digest its manifest hashed to.
	Ref string
	// Data is the layer's content, proven to hash to its descriptor's digest.
	Data []byte
}

// FetchArtifact reads the one layer of mediaType from the OCI artifact at ref
// (a tag or digest) whose artifact type (manifest artifactType, or config
// media type for older artifacts) is artifactType. It uses the same client
// as Verify: the same credentials rules, plain HTTP only on loopback, the
// manifest limit, and limit bytes for the layer. The tag is resolved once;
// the layer is read by digest. Errors are *InputError (bad ref),
// *TrustError (not that artifact, digest mismatch) or *UndecidedError.
func (v *Verifier) FetchArtifact(ctx context.Context, ref, artifactType, mediaType string, limit int64) (*Artifact, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return nil, &InputError{Field: "artifact reference", Value: ref, Err: err}
	}
	repo := r.Context()
	c := v.newClient(repo.Registry)
	if err := v.authorize(ctx, c, []name.Repository{repo}); err != nil {
		return nil, fmt.Errorf("fetching %s: %s", ref, c.redact(err.Error()))
	}
	f, err := c.get(ctx, repo.RepositoryStr()+"/manifests/"+r.Identifier(), acceptManifests, v.cfg.limits.ManifestBytes)
	if err != nil {
		return nil, artifactErr(ref, err)
	}
	if d, ok := r.(name.Digest); ok && d.DigestStr() != f.digest {
		return nil, trustf("fetching %s: digest mismatch: content hashes to %s", ref, f.digest)
	}
	layer, err := pickLayer(f.body, artifactType, mediaType)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", ref, err)
	}
	if layer.Size > limit {
		return nil, undecidedf("fetching %s: layer of %d bytes exceeds the %s limit", ref, layer.Size, size(limit))
	}
	blob, err := c.getByDigest(ctx, repo, "blobs", layer.Digest.String(), "", limit)
	if err != nil {
		return nil, artifactErr(ref, err)
	}
	return &Artifact{Ref: repo.Name() + "@" + f.digest, Data: blob.body}, nil
}

func artifactErr(ref string, err error) error {
	if isNotFound(err) {
		return undecidedf("fetching %s: not found", ref)
	}
	return fmt.Errorf("fetching %s: %w", ref, err)
}

// pickLayer checks the manifest's artifact type and returns its one layer
// of mediaType.
func pickLayer(body []byte, artifactType, mediaType string) (v1.Descriptor, error) {
	var m struct {
		ArtifactType string          `json:"artifactType"`
		Config       v1.Descriptor   `json:"config"`
		Layers       []v1.Descriptor `json:"layers"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return v1.Descriptor{}, trustf("parsing artifact manifest: %w", err)
	}
	got := m.ArtifactType
	if got == "" {
		got = string(m.Config.MediaType)
	}
	if got != artifactType {
		return v1.Descriptor{}, trustf("artifact type is %q, want %q", got, artifactType)
	}
	var found []v1.Descriptor
	for _, l := range m.Layers {
		if string(l.MediaType) == mediaType {
			found = append(found, l)
		}
	}
	if len(found) != 1 {
		return v1.Descriptor{}, trustf("artifact has %d layers of type %s, want exactly 1", len(found), mediaType)
	}
	return found[0], nil
}

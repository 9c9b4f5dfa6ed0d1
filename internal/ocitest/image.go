package ocitest

import (
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// RevisionLabel is the label Docker's build sets to the source commit.
const RevisionLabel = "org.opencontainers.image.revision"

// Platform describes one image: its platform and config labels.
type Platform struct {
	OS, Arch, Variant string
	Labels            map[string]string
	// ForeignURL, when set, adds a foreign layer whose descriptor lists this
	// URL; a verifier must never fetch it (THREATS C14).
	ForeignURL string
}

// Revision is a Platform label set naming a commit.
func Revision(commit string) map[string]string { return map[string]string{RevisionLabel: commit} }

// NewImage builds a small random image with the platform and labels of p.
func NewImage(p Platform) (v1.Image, error) {
	img, err := random.Image(64, 1)
	if err != nil {
		return nil, fmt.Errorf("making image: %w", err)
	}
	if p.ForeignURL != "" {
		img, err = mutate.Append(img, mutate.Addendum{
			Layer:     static.NewLayer([]byte("foreign layer"), types.DockerForeignLayer),
			URLs:      []string{p.ForeignURL},
			MediaType: types.DockerForeignLayer,
		})
		if err != nil {
			return nil, fmt.Errorf("adding foreign layer: %w", err)
		}
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Variant = or(p.OS, "linux"), or(p.Arch, "amd64"), p.Variant
	cf.Config.Labels = p.Labels
	return mutate.ConfigFile(img, cf)
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// PushImage pushes a single-platform image to ref and returns its digest.
func PushImage(ref string, p Platform) (string, error) {
	img, err := NewImage(p)
	if err != nil {
		return "", err
	}
	return Push(ref, img)
}

// Push writes an image to ref and returns its digest.
func Push(ref string, img v1.Image) (string, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return "", fmt.Errorf("parsing %s: %w", ref, err)
	}
	if err := remote.Write(r, img); err != nil {
		return "", fmt.Errorf("pushing %s: %w", ref, err)
	}
	d, err := img.Digest()
	return d.String(), err
}

// PushIndex pushes a multi-platform index of the given platforms to ref.
// With attestation, a buildx-style attestation manifest (platform
// unknown/unknown, bogus config label) is added. It returns the index digest
// and the platform manifests' digests in order.
func PushIndex(ref string, platforms []Platform, attestation bool) (string, []string, error) {
	idx, digests, err := NewIndex(platforms, attestation)
	if err != nil {
		return "", nil, err
	}
	d, err := PushIndexValue(ref, idx)
	return d, digests, err
}

// NewIndex builds an index without pushing it.
func NewIndex(platforms []Platform, attestation bool) (v1.ImageIndex, []string, error) {
	var adds []mutate.IndexAddendum
	var digests []string
	for _, p := range platforms {
		img, err := NewImage(p)
		if err != nil {
			return nil, nil, err
		}
		d, _ := img.Digest()
		digests = append(digests, d.String())
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{
			Platform: &v1.Platform{OS: or(p.OS, "linux"), Architecture: or(p.Arch, "amd64"), Variant: p.Variant},
		}})
	}
	if attestation {
		img, err := NewImage(Platform{OS: "unknown", Arch: "unknown", Labels: Revision("bogus")})
		if err != nil {
			return nil, nil, err
		}
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{
			Platform:    &v1.Platform{OS: "unknown", Architecture: "unknown"},
			Annotations: map[string]string{"vnd.docker.reference.type": "attestation-manifest"},
		}})
	}
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	return mutate.AppendManifests(idx, adds...), digests, nil
}

// PushIndexValue writes an index to ref and returns its digest.
func PushIndexValue(ref string, idx v1.ImageIndex) (string, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return "", fmt.Errorf("parsing %s: %w", ref, err)
	}
	if err := remote.WriteIndex(r, idx); err != nil {
		return "", fmt.Errorf("pushing index %s: %w", ref, err)
	}
	d, err := idx.Digest()
	return d.String(), err
}

// PushNestedIndex pushes an index whose only entry is another index.
func PushNestedIndex(ref string, platforms []Platform) (string, error) {
	inner, _, err := NewIndex(platforms, false)
	if err != nil {
		return "", err
	}
	outer := mutate.AppendManifests(mutate.IndexMediaType(empty.Index, types.OCIImageIndex),
		mutate.IndexAddendum{Add: inner, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "amd64"}}})
	return PushIndexValue(ref, outer)
}

// Copy copies an image or index from src to dst, byte for byte: a registry
// serving one repository's signed manifest under another's tag (THREATS C4).
func Copy(src, dst string) error {
	s, err := name.ParseReference(src)
	if err != nil {
		return fmt.Errorf("parsing %s: %w", src, err)
	}
	d, err := name.ParseReference(dst)
	if err != nil {
		return fmt.Errorf("parsing %s: %w", dst, err)
	}
	desc, err := remote.Get(s)
	if err != nil {
		return fmt.Errorf("reading %s: %w", src, err)
	}
	if desc.MediaType.IsIndex() {
		idx, err := desc.ImageIndex()
		if err != nil {
			return err
		}
		return remote.WriteIndex(d, idx)
	}
	img, err := desc.Image()
	if err != nil {
		return err
	}
	return remote.Write(d, img)
}

package verify

import (
	"encoding/json"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// acceptManifests is every manifest type we read. Schema 1 is not offered.
var acceptManifests = strings.Join([]string{
	string(types.OCIImageIndex), string(types.OCIManifestSchema1),
	string(types.DockerManifestList), string(types.DockerManifestSchema2),
}, ", ")

// manifestDoc is a manifest or index whose bytes were proven to hash to
// digest.
type manifestDoc struct {
	digest string
	image  *v1.Manifest      // set for an image manifest
	index  *v1.IndexManifest // set for an index
}

// parseManifest tells an index from an image manifest by its mediaType, or
// by its shape when mediaType is absent, and rejects anything else.
func parseManifest(f *fetched) (*manifestDoc, error) {
	var probe struct {
		MediaType types.MediaType `json:"mediaType"`
		Manifests json.RawMessage `json:"manifests"`
		Config    json.RawMessage `json:"config"`
	}
	if err := json.Unmarshal(f.body, &probe); err != nil {
		return nil, trustf("parsing manifest %s: %w", f.digest, err)
	}
	doc := &manifestDoc{digest: f.digest}
	mt := probe.MediaType
	switch {
	case mt.IsIndex() || (mt == "" && probe.Manifests != nil):
		doc.index = &v1.IndexManifest{}
		if err := json.Unmarshal(f.body, doc.index); err != nil {
			return nil, trustf("parsing index %s: %w", f.digest, err)
		}
	case mt.IsImage() || (mt == "" && probe.Config != nil):
		doc.image = &v1.Manifest{}
		if err := json.Unmarshal(f.body, doc.image); err != nil {
			return nil, trustf("parsing manifest %s: %w", f.digest, err)
		}
	default:
		return nil, trustf("unsupported manifest media type %q", mt)
	}
	return doc, nil
}

// isAttestation reports whether an index entry is a buildx attestation
// manifest rather than a runnable image.
func isAttestation(d v1.Descriptor) bool {
	if d.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
		return true
	}
	return d.Platform != nil && d.Platform.OS == "unknown" && d.Platform.Architecture == "unknown"
}

// platformString names an index entry's platform: linux/arm64/v8.
func platformString(p *v1.Platform) string {
	if p == nil {
		return "unknown platform"
	}
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

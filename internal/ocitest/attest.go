package ocitest

import (
	"encoding/json"
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// BuildKit attestation layout: an index entry of reference type
// attestation-manifest points (by vnd.docker.reference.digest) at the
// platform manifest it describes; its layers are unsigned in-toto
// statements, each annotated with its predicate type.
const (
	InTotoMediaType         = types.MediaType("application/vnd.in-toto+json")
	PredicateTypeAnnotation = "in-toto.io/predicate-type"
	SLSAProvenanceV02       = "https://slsa.dev/provenance/v0.2"
	SLSAProvenanceV1        = "https://slsa.dev/provenance/v1"
	SPDXPredicate           = "https://spdx.dev/Document"
)

// Provenance is what a BuildKit SLSA provenance statement says about a
// build: the git source (configSource) and its commit, and more git
// materials (v0.2 materials, v1 resolvedDependencies).
type Provenance struct {
	PredicateType string // SLSAProvenanceV02 or SLSAProvenanceV1
	Subject       string // the platform manifest digest, sha256:...
	SourceURI     string // configSource.uri, "" to leave configSource out
	SourceCommit  string // configSource.digest.sha1
	Materials     []Material
}

// Material is one resolved dependency.
type Material struct{ URI, SHA1 string }

// Statement renders p as the in-toto statement BuildKit writes, with the
// statement type that goes with the predicate version.
func Statement(p Provenance) ([]byte, error) {
	src := map[string]any{"entryPoint": "Dockerfile"}
	if p.SourceURI != "" {
		src["uri"] = p.SourceURI
		src["digest"] = map[string]string{"sha1": p.SourceCommit}
	}
	mats := []map[string]any{}
	for _, m := range p.Materials {
		mats = append(mats, map[string]any{"uri": m.URI, "digest": map[string]string{"sha1": m.SHA1}})
	}
	stmtType, pred := "https://in-toto.io/Statement/v0.1", map[string]any{
		"builder":    map[string]string{"id": ""},
		"buildType":  "https://mobyproject.org/buildkit@v1",
		"invocation": map[string]any{"configSource": src},
		"materials":  mats,
	}
	if p.PredicateType == SLSAProvenanceV1 {
		stmtType, pred = "https://in-toto.io/Statement/v1", map[string]any{
			"buildDefinition": map[string]any{
				"buildType":            "https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md",
				"externalParameters":   map[string]any{"configSource": src, "request": map[string]any{"frontend": "dockerfile.v0"}},
				"resolvedDependencies": mats,
			},
			"runDetails": map[string]any{"builder": map[string]string{"id": ""}},
		}
	}
	return json.Marshal(map[string]any{
		"_type":         stmtType,
		"predicateType": p.PredicateType,
		"subject": []map[string]any{{
			"name":   "pkg:docker/mcp/x@latest?platform=linux%2Famd64",
			"digest": map[string]string{"sha256": strings.TrimPrefix(p.Subject, "sha256:")},
		}},
		"predicate": pred,
	})
}

// AttestationLayer is one in-toto layer of an attestation manifest.
type AttestationLayer struct {
	PredicateType string // the layer's predicate-type annotation
	Body          []byte
}

// Attestation is one attestation manifest of an index.
type Attestation struct {
	// Of is the platform (index into the platforms given) it describes.
	Of int
	// RefDigest, when set, is written as vnd.docker.reference.digest instead
	// of platform Of's digest: an attestation for another image.
	RefDigest string
	Layers    []AttestationLayer
}

// AttestationImage builds a BuildKit attestation manifest: an OCI manifest
// of platform unknown/unknown whose layers are in-toto statements.
func AttestationImage(layers []AttestationLayer) (v1.Image, error) {
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	for _, l := range layers {
		var err error
		img, err = mutate.Append(img, mutate.Addendum{
			Layer:       static.NewLayer(l.Body, InTotoMediaType),
			Annotations: map[string]string{PredicateTypeAnnotation: l.PredicateType},
			MediaType:   InTotoMediaType,
		})
		if err != nil {
			return nil, fmt.Errorf("adding attestation layer: %w", err)
		}
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading attestation config: %w", err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "unknown", "unknown"
	return mutate.ConfigFile(img, cf)
}

// PushAttestedIndex pushes an index of platforms plus the attestation
// manifests made by atts, which is called with the platform digests. It
// returns the index digest and the platform digests.
func PushAttestedIndex(ref string, platforms []Platform, atts func(digests []string) ([]Attestation, error)) (string, []string, error) {
	idx, digests, err := NewIndex(platforms, false)
	if err != nil {
		return "", nil, err
	}
	list, err := atts(digests)
	if err != nil {
		return "", nil, err
	}
	for _, a := range list {
		img, err := AttestationImage(a.Layers)
		if err != nil {
			return "", nil, err
		}
		of := a.RefDigest
		if of == "" {
			of = digests[a.Of]
		}
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{
			Platform: &v1.Platform{OS: "unknown", Architecture: "unknown"},
			Annotations: map[string]string{
				"vnd.docker.reference.type":   "attestation-manifest",
				"vnd.docker.reference.digest": of,
			},
		}})
	}
	d, err := PushIndexValue(ref, idx)
	return d, digests, err
}

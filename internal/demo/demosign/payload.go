package demosign

import (
	"encoding/json"
	"fmt"
)

// revisionLabel is the optional annotation naming the source commit.
const revisionLabel = "org.opencontainers.image.revision"

// signatureType is critical.type of a cosign payload.
const signatureType = "cosign container image signature"

// Claims is what a simple-signing payload says about an image.
type Claims struct {
	Digest    string // critical.image.docker-manifest-digest
	Reference string // critical.identity.docker-reference
	Revision  string // optional["org.opencontainers.image.revision"]; "" omits it
}

// simpleSigning is sigstore's payload.SimpleContainerImage, field for field
// and in its order: cosign signs these bytes.
type simpleSigning struct {
	Critical struct {
		Identity struct {
			DockerReference string `json:"docker-reference"`
		} `json:"identity"`
		Image struct {
			DockerManifestDigest string `json:"docker-manifest-digest"`
		} `json:"image"`
		Type string `json:"type"`
	} `json:"critical"`
	Optional map[string]string `json:"optional"`
}

// Payload renders claims as the JSON cosign signs.
func Payload(c Claims) ([]byte, error) {
	var p simpleSigning
	p.Critical.Identity.DockerReference = c.Reference
	p.Critical.Image.DockerManifestDigest = c.Digest
	p.Critical.Type = signatureType
	p.Optional = map[string]string{}
	if c.Revision != "" {
		p.Optional[revisionLabel] = c.Revision
	}
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encoding payload: %w", err)
	}
	return b, nil
}

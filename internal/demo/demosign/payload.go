package demosign

import "github.com/mcp-trust/mcp-trust/internal/simplesigning"

// Claims is what a simple-signing payload says about an image.
type Claims struct {
	Digest    string // critical.image.docker-manifest-digest
	Reference string // critical.identity.docker-reference
	Revision  string // optional["org.opencontainers.image.revision"]; "" omits it
}

// Payload renders claims as the JSON cosign signs (its optional map is
// never null: `cosign sign -a` always passes one).
func Payload(c Claims) []byte {
	optional := map[string]string{}
	if c.Revision != "" {
		optional[simplesigning.RevisionAnnotation] = c.Revision
	}
	return simplesigning.Encode(c.Reference, c.Digest, optional)
}

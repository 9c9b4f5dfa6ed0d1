package simplesigning

import (
	"bytes"
	"encoding/json"
)

// Type is critical.type of a cosign container image signature.
const Type = "cosign container image signature"

// RevisionAnnotation is the optional annotation naming the source commit.
const RevisionAnnotation = "org.opencontainers.image.revision"

// Payload is a simple-signing payload in the shape sigstore's
// payload.SimpleContainerImage reads and writes it, field for field and in
// its order.
type Payload struct {
	Critical struct {
		Identity struct {
			DockerReference string `json:"docker-reference"`
		} `json:"identity"`
		Image struct {
			DockerManifestDigest string `json:"docker-manifest-digest"`
		} `json:"image"`
		Type string `json:"type"`
	} `json:"critical"`
	Optional map[string]any `json:"optional"`
}

// Encode renders what json.Marshal makes of sigstore's payload.Cosign for
// the docker-reference ref, the digest and the annotations: fields in
// declaration order, strings escaped by encoding/json, annotations sorted
// by key; nil annotations are null, as cosign writes when given none.
func Encode(ref, digest string, annotations map[string]string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"critical":{"identity":{"docker-reference":`)
	b.Write(marshal(ref))
	b.WriteString(`},"image":{"docker-manifest-digest":`)
	b.Write(marshal(digest))
	b.WriteString(`},"type":`)
	b.Write(marshal(Type))
	b.WriteString(`},"optional":`)
	b.Write(marshal(annotations))
	b.WriteString("}")
	return b.Bytes()
}

// marshal encodes a string or a map of strings, which always marshal.
func marshal(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

package simplesigning_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/sigstore/sigstore/pkg/signature/payload"

	"github.com/mcp-trust/mcp-trust/internal/simplesigning"
)

// TestEncodeIsCosigns: Encode writes the bytes sigstore's payload.Cosign
// marshals to, and json.Marshal of Payload holding the same claims writes
// them too (the shape verify reads is the shape cosign writes).
func TestEncodeIsCosigns(t *testing.T) {
	const digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := map[string]struct {
		ref string
		ann map[string]string
	}{
		"no annotations":    {"127.0.0.1:5000/mcp/a", nil},
		"empty annotations": {"127.0.0.1:5000/mcp/a", map[string]string{}},
		"revision":          {"index.docker.io/mcp/a", map[string]string{simplesigning.RevisionAnnotation: "0123456789012345678901234567890123456789"}},
		"escaped strings":   {`reg.example/a&b<c>"d"`, map[string]string{"z": "üñî\u2028", "a": "<&>", simplesigning.RevisionAnnotation: "r"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := simplesigning.Encode(tt.ref, digest, tt.ann)
			want := cosigns(t, tt.ref, digest, tt.ann)
			if !bytes.Equal(got, want) {
				t.Errorf("Encode = %s, want sigstore's %s", got, want)
			}
			var p simplesigning.Payload
			p.Critical.Identity.DockerReference = tt.ref
			p.Critical.Image.DockerManifestDigest = digest
			p.Critical.Type = simplesigning.Type
			if tt.ann != nil {
				p.Optional = map[string]any{}
				for k, v := range tt.ann {
					p.Optional[k] = v
				}
			}
			if b, err := json.Marshal(p); err != nil || !bytes.Equal(b, want) {
				t.Errorf("json.Marshal(Payload) = %s, %v, want %s", b, err, want)
			}
		})
	}
}

func cosigns(t *testing.T, ref, digest string, ann map[string]string) []byte {
	t.Helper()
	d, err := name.NewDigest("127.0.0.1:5000/other@" + digest)
	if err != nil {
		t.Fatal(err)
	}
	var opt map[string]any
	if ann != nil {
		opt = map[string]any{}
		for k, v := range ann {
			opt[k] = v
		}
	}
	if payload.CosignSignatureType != simplesigning.Type {
		t.Fatalf("Type = %q, sigstore's is %q", simplesigning.Type, payload.CosignSignatureType)
	}
	b, err := payload.Cosign{Image: d, ClaimedIdentity: ref, Annotations: opt}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/sigstore/pkg/signature/payload"

	"github.com/mcp-trust/mcp-trust/internal/simplesigning"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestPayloadGuess: the payloads cosign itself writes (sigstore's
// payload.Cosign, as `cosign sign` calls it, and verifytest's) for the
// expected repository, digest and pin are rebuilt byte for byte; anything
// else (another annotation, digest, repository, revision, spelling or
// encoding) is not, so it is fetched.
func TestPayloadGuess(t *testing.T) {
	const (
		digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		other  = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
		pin    = "1111111111111111111111111111111111111111"
	)
	rev := map[string]any{RevisionLabel: pin}
	cosignPayload := func(ref, d, identity string, ann map[string]any) []byte {
		t.Helper()
		dg, err := name.NewDigest(ref + "@" + d)
		if err != nil {
			t.Fatal(err)
		}
		b, err := payload.Cosign{Image: dg, ClaimedIdentity: identity, Annotations: ann}.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	testPayload := func(c verifytest.Claims) []byte {
		t.Helper()
		b, err := verifytest.Payload(c)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name    string
		want    string // the expected repository
		pin     string
		payload []byte
		hit     bool
	}{
		{name: "cosign sign, no annotations (optional null)", want: "127.0.0.1:5000/mcp/a",
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "", nil), hit: true},
		{name: "cosign sign -a revision=pin", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "", rev), hit: true},
		{name: "verifytest, revision", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: testPayload(verifytest.Claims{Digest: digest, Reference: "127.0.0.1:5000/mcp/a", Revision: pin}), hit: true},
		{name: "verifytest, no annotations (optional {})", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: testPayload(verifytest.Claims{Digest: digest, Reference: "127.0.0.1:5000/mcp/a"}), hit: true},
		{name: "Docker Hub, as cosign spells it", want: "mcp/a", pin: pin,
			payload: cosignPayload("mcp/a", digest, "", rev), hit: true},
		{name: "Docker Hub, docker.io spelling", want: "docker.io/mcp/a", pin: pin,
			payload: cosignPayload("mcp/a", digest, "docker.io/mcp/a", rev), hit: true},
		{name: "Docker Hub, short spelling", want: "index.docker.io/mcp/a", pin: pin,
			payload: cosignPayload("mcp/a", digest, "mcp/a", rev), hit: true},
		{name: "another annotation beside the revision", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "", map[string]any{RevisionLabel: pin, "build": "1"})},
		{name: "another revision", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "", map[string]any{RevisionLabel: strings.Repeat("2", 40)})},
		{name: "revision signed, no pin to expect", want: "127.0.0.1:5000/mcp/a",
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "", rev)},
		{name: "another digest", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/a", other, "", rev)},
		{name: "another repository", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/b", digest, "", rev)},
		{name: "identity with a tag", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "127.0.0.1:5000/mcp/a:latest", rev)},
		{name: "Docker Hub library spelling of another registry", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: cosignPayload("127.0.0.1:5000/mcp/a", digest, "mcp/a", rev)},
		{name: "same claims, indented", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: indent(t, cosignPayload("127.0.0.1:5000/mcp/a", digest, "", rev))},
		{name: "same claims, trailing newline", want: "127.0.0.1:5000/mcp/a", pin: pin,
			payload: append(cosignPayload("127.0.0.1:5000/mcp/a", digest, "", rev), '\n')},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := name.NewRepository(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			g := newPayloadGuesses(want, digest, tt.pin)
			got := g.lookup(descriptorOf(tt.payload))
			if hit := got != nil; hit != tt.hit {
				t.Fatalf("lookup(%s) hit = %v, want %v", tt.payload, hit, tt.hit)
			}
			if tt.hit && !bytes.Equal(got, tt.payload) {
				t.Errorf("lookup = %s, want the signed bytes %s", got, tt.payload)
			}
		})
	}
}

// TestPayloadGuessNeedsDigestAndSize: a descriptor hits only with the
// candidate's sha256 digest and its exact size.
func TestPayloadGuessNeedsDigestAndSize(t *testing.T) {
	const digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	want, _ := name.NewRepository("127.0.0.1:5000/mcp/a")
	g := newPayloadGuesses(want, digest, "")
	p := simplesigning.Encode(want.Name(), digest, nil)
	d := descriptorOf(p)
	if g.lookup(d) == nil {
		t.Fatalf("lookup(%s) = nil, want a hit", p)
	}
	wrongSize := d
	wrongSize.Size++
	if got := g.lookup(wrongSize); got != nil {
		t.Errorf("lookup with size %d = %s, want nil", wrongSize.Size, got)
	}
	otherAlg := d
	otherAlg.Digest.Algorithm = "sha512"
	if got := g.lookup(otherAlg); got != nil {
		t.Errorf("lookup with a sha512 digest = %s, want nil", got)
	}
	// The caller owns what it gets: changing it changes no candidate.
	got := g.lookup(d)
	got[0] = 'x'
	if again := g.lookup(d); !bytes.Equal(again, p) {
		t.Errorf("lookup after the caller changed a result = %s, want %s", again, p)
	}
}

func descriptorOf(p []byte) v1.Descriptor {
	sum := sha256.Sum256(p)
	h, _ := v1.NewHash("sha256:" + hex.EncodeToString(sum[:]))
	return v1.Descriptor{Digest: h, Size: int64(len(p))}
}

func indent(t *testing.T, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, p, "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

package verify

import (
	"encoding/json"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	"github.com/sigstore/cosign/v3/pkg/oci/static"
	"github.com/sigstore/sigstore/pkg/signature/payload"
)

// referenceClaims is what claims did with cosign before: parse as sigstore's
// SimpleContainerImage, require cosign's type, then SimpleClaimVerifier.
func referenceClaims(t *testing.T, raw []byte, digest v1.Hash) bool {
	t.Helper()
	var p payload.SimpleContainerImage
	if json.Unmarshal(raw, &p) != nil || p.Critical.Type != payload.CosignSignatureType {
		return false
	}
	sig, err := static.NewSignature(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	return cosign.SimpleClaimVerifier(sig, digest, nil) == nil
}

// TestReadPayloadMatchesSimpleClaimVerifier: the digest claim (THREATS C3)
// and payload type are accepted exactly as cosign's claim verifier and
// sigstore's payload type accepted them.
func TestReadPayloadMatchesSimpleClaimVerifier(t *testing.T) {
	hex := strings.Repeat("ab", 32)
	digest := v1.Hash{Algorithm: "sha256", Hex: hex}
	doc := func(dig, typ string) string {
		return `{"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"` + dig +
			`"},"type":"` + typ + `"},"optional":{"org.opencontainers.image.revision":"x"}}`
	}
	const typ = "cosign container image signature"
	payloads := map[string]string{
		"valid":                 doc("sha256:"+hex, typ),
		"other digest":          doc("sha256:"+strings.Repeat("cd", 32), typ),
		"uppercase digest":      doc("sha256:"+strings.ToUpper(hex), typ),
		"digest without alg":    doc(hex, typ),
		"digest other alg":      doc("sha512:"+hex, typ),
		"empty digest":          doc("", typ),
		"other type":            doc("sha256:"+hex, "atomic container signature"),
		"no type":               doc("sha256:"+hex, ""),
		"capitalised names":     strings.NewReplacer(`"critical"`, `"Critical"`, `"image"`, `"IMAGE"`).Replace(doc("sha256:"+hex, typ)),
		"duplicate digest":      strings.Replace(doc("sha256:"+hex, typ), `"docker-manifest-digest"`, `"docker-manifest-digest":"sha256:`+strings.Repeat("cd", 32)+`","docker-manifest-digest"`, 1),
		"duplicate, bad last":   strings.Replace(doc("sha256:"+strings.Repeat("cd", 32), typ), `"docker-manifest-digest"`, `"docker-manifest-digest":"sha256:`+hex+`","docker-manifest-digest"`, 1),
		"digest a number":       `{"critical":{"image":{"docker-manifest-digest":5},"type":"` + typ + `"}}`,
		"trailing data":         doc("sha256:"+hex, typ) + " {}",
		"not JSON":              "not json",
		"null":                  "null",
		"array":                 "[]",
		"optional not a map":    strings.Replace(doc("sha256:"+hex, typ), `"optional":{"org.opencontainers.image.revision":"x"}`, `"optional":5`, 1),
		"critical not a object": `{"critical":"x"}`,
	}
	for name, p := range payloads {
		t.Run(name, func(t *testing.T) {
			_, err := readPayload([]byte(p), digest)
			if want := referenceClaims(t, []byte(p), digest); (err == nil) != want {
				t.Errorf("readPayload() error = %v, cosign accepts = %v", err, want)
			}
		})
	}
}

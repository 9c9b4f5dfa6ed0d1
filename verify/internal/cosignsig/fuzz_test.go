package cosignsig_test

import (
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify/internal/cosignsig"
	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
)

// FuzzRekorBody: for any entry body the trusted log signs, the bundle check
// never accepts what cosign's VerifyBundle refuses, and refuses what cosign
// accepts only for the stricter cases TestClassicStricterThanCosign lists.
func FuzzRekorBody(f *testing.F) {
	fx := newFixture(f)
	f.Add(mustB64(f, fx.sig.Bundle.Payload.Body.(string)))
	f.Add(body(f, "rekord", "0.0.1", rekordSpec(fx.sigBytes, []byte(fx.keyPEM), "x509", fx.hash)))
	f.Add(body(f, "hashedrekord", "0.0.1+x", hashedSpec(fx.sigBytes, []byte(fx.keyPEM), "sha256", fx.hash)))
	f.Add(body(f, "rekord", "0.0.1", rekordSpec(fx.sigBytes, []byte(fx.keyPEM), "ssh", fx.hash)))
	key, err := sigkeys.ParsePEM([]byte(fx.keyPEM))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		l := fx.base
		l.bundle = bundleJSON(t, signed(t, fx.rk, raw, fx.now, fx.idx, fx.logID))
		want := reference(t, l)
		b, err := cosignsig.ParseBundle(l.bundle)
		if err != nil {
			t.Fatal(err)
		}
		err = cosignsig.VerifyBundle(b, l.payload, l.b64sig, key, l.trust.ours)
		switch {
		case err == nil && !want.tlog:
			t.Fatalf("body %q: ours accepts, cosign refuses", raw)
		case err != nil && want.tlog && !stricter(raw):
			t.Fatalf("body %q: ours refuses (%v), cosign accepts", raw, err)
		}
	})
}

// stricter reports a body of the kinds cosign accepts and this package
// refuses on purpose: an apiVersion other than exactly 0.0.1, data after
// the JSON, a rekord entry not in x509 format or whose key is not a
// "PUBLIC KEY" PEM block.
func stricter(raw []byte) bool {
	var top struct {
		Kind       string  `json:"kind"`
		APIVersion *string `json:"apiVersion"`
		Spec       struct {
			Signature struct {
				Format    string `json:"format"`
				PublicKey struct {
					Content []byte `json:"content"`
				} `json:"publicKey"`
			} `json:"signature"`
		} `json:"spec"`
	}
	if json.Unmarshal(raw, &top) != nil {
		return true // trailing data; cosign reads only the first value
	}
	if top.APIVersion == nil || *top.APIVersion != "0.0.1" {
		return true
	}
	if !strings.EqualFold(top.Kind, "rekord") {
		return false
	}
	block, _ := pem.Decode(top.Spec.Signature.PublicKey.Content)
	return top.Spec.Signature.Format != "x509" || block == nil || block.Type != "PUBLIC KEY"
}

package demosign_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/cyberphone/json-canonicalization/go/src/webpki.org/jsoncanonicalizer"
	cbundle "github.com/sigstore/cosign/v3/pkg/cosign/bundle"
	rtypes "github.com/sigstore/rekor/pkg/types"
	hashedrekord "github.com/sigstore/rekor/pkg/types/hashedrekord/v0.0.1"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature/payload"

	"github.com/mcp-trust/mcp-trust/internal/demo/demosign"
)

// TestBytesAreCosigns: every signed or logged byte demosign writes is the
// byte cosign, sigstore and rekor would write for the same inputs: the
// payload, the key PEM, the entry body, the bundle annotation, and the
// canonical bundle payload the SET signs.
func TestBytesAreCosigns(t *testing.T) {
	key, err := demosign.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	log, err := demosign.NewLog()
	if err != nil {
		t.Fatal(err)
	}
	claims := []demosign.Claims{
		{Digest: "sha256:" + hexOf("image"), Reference: "127.0.0.1:5000/mcp/notes", Revision: hexOf("commit")[:40]},
		{Digest: "sha256:" + hexOf("image"), Reference: "127.0.0.1:5000/mcp/notes"},
		{Digest: "sha256:" + hexOf("x"), Reference: `reg.example/a&b<c>"d"`, Revision: "üñî\u2028"},
	}
	for _, c := range claims {
		l, err := key.NewSig(c, log)
		if err != nil {
			t.Fatal(err)
		}
		if want := sigstorePayload(t, c); !bytes.Equal(l.Payload, want) {
			t.Errorf("Payload(%+v) = %s, want sigstore's %s", c, l.Payload, want)
		}
		var b demosign.Bundle
		if err := json.Unmarshal([]byte(l.Bundle), &b); err != nil {
			t.Fatal(err)
		}
		sig, _ := base64.StdEncoding.DecodeString(l.Signature)
		if got, want := b.Payload.Body, rekorBody(t, sig, l.Payload, key.PublicPEM()); got != want {
			t.Errorf("entry body = %s, want rekor's %s", decode(got), decode(want))
		}
		cosigns, err := json.Marshal(cbundle.RekorBundle{SignedEntryTimestamp: b.SignedEntryTimestamp, Payload: cbundle.RekorPayload{
			Body: b.Payload.Body, IntegratedTime: b.Payload.IntegratedTime, LogIndex: b.Payload.LogIndex, LogID: b.Payload.LogID,
		}})
		if err != nil {
			t.Fatal(err)
		}
		if l.Bundle != string(cosigns) {
			t.Errorf("bundle annotation = %s, want cosign's %s", l.Bundle, cosigns)
		}
		checkSET(t, log, b)
	}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(key.PublicPEM())
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := cryptoutils.MarshalPublicKeyToPEM(pub); !bytes.Equal(key.PublicPEM(), want) {
		t.Errorf("PublicPEM = %s, want sigstore's %s", key.PublicPEM(), want)
	}
}

// TestSETCoversCanonicalJSON: the SET is a signature over the RFC 8785 form
// of the bundle payload as cosign computes it, also for edge values.
func TestSETCoversCanonicalJSON(t *testing.T) {
	log, err := demosign.NewLog()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []demosign.BundlePayload{
		{Body: "", IntegratedTime: 0, LogIndex: 0, LogID: log.LogID()},
		{Body: base64.StdEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfe, '<', '&'}), IntegratedTime: 1 << 40, LogIndex: 1<<53 - 1, LogID: log.LogID()},
		{Body: "e30=", IntegratedTime: -1, LogIndex: 7, LogID: hexOf("other log")},
	} {
		set, err := log.SET(p)
		if err != nil {
			t.Fatal(err)
		}
		checkSET(t, log, demosign.Bundle{SignedEntryTimestamp: set, Payload: p})
	}
}

// checkSET verifies b's SET under log's key over what cosign canonicalizes.
func checkSET(t *testing.T, log *demosign.Log, b demosign.Bundle) {
	t.Helper()
	raw, err := json.Marshal(cbundle.RekorPayload{Body: b.Payload.Body, IntegratedTime: b.Payload.IntegratedTime, LogIndex: b.Payload.LogIndex, LogID: b.Payload.LogID})
	if err != nil {
		t.Fatal(err)
	}
	canon, err := jsoncanonicalizer.Transform(raw)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(log.PublicPEM())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(canon)
	if !ecdsa.VerifyASN1(pub.(*ecdsa.PublicKey), sum[:], b.SignedEntryTimestamp) {
		t.Errorf("SET over %+v does not verify over cosign's canonical %s", b.Payload, canon)
	}
}

func sigstorePayload(t *testing.T, c demosign.Claims) []byte {
	t.Helper()
	opt := map[string]any{}
	if c.Revision != "" {
		opt["org.opencontainers.image.revision"] = c.Revision
	}
	b, err := json.Marshal(payload.SimpleContainerImage{
		Critical: payload.Critical{
			Identity: payload.Identity{DockerReference: c.Reference},
			Image:    payload.Image{DockerManifestDigest: c.Digest},
			Type:     payload.CosignSignatureType,
		},
		Optional: opt,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rekorBody is rekor's canonical hashedrekord v0.0.1 body, base64.
func rekorBody(t *testing.T, sig, msg, signerPEM []byte) string {
	t.Helper()
	sum := sha256.Sum256(msg)
	ctx := context.Background()
	pe, err := hashedrekord.V001Entry{}.CreateFromArtifactProperties(ctx, rtypes.ArtifactProperties{
		ArtifactHash: hex.EncodeToString(sum[:]), SignatureBytes: sig, PublicKeyBytes: [][]byte{signerPEM}, PKIFormat: "x509",
	})
	if err != nil {
		t.Fatal(err)
	}
	entry, err := rtypes.UnmarshalEntry(pe)
	if err != nil {
		t.Fatal(err)
	}
	body, err := entry.Canonicalize(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(body)
}

func hexOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func decode(b64 string) string {
	b, _ := base64.StdEncoding.DecodeString(b64)
	return string(b)
}

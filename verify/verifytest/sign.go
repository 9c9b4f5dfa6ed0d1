package verifytest

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cyberphone/json-canonicalization/go/src/webpki.org/jsoncanonicalizer"
	"github.com/go-openapi/strfmt"
	cbundle "github.com/sigstore/cosign/v3/pkg/cosign/bundle"
	rtypes "github.com/sigstore/rekor/pkg/types"
	hashedrekord_v001 "github.com/sigstore/rekor/pkg/types/hashedrekord/v0.0.1"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/payload"
)

// Key is a freshly generated ECDSA P-256 signing key.
type Key struct {
	priv   *ecdsa.PrivateKey
	signer signature.SignerVerifier
}

// NewKey generates a key.
func NewKey() (*Key, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating key: %w", err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("loading signer: %w", err)
	}
	return &Key{priv: priv, signer: sv}, nil
}

// PublicPEM is the public key as cosign writes cosign.pub.
func (k *Key) PublicPEM() []byte {
	b, _ := cryptoutils.MarshalPublicKeyToPEM(k.priv.Public())
	return b
}

// Sign signs msg and returns the base64 signature, as cosign stores it.
func (k *Key) Sign(msg []byte) (string, error) {
	sig, err := k.signer.SignMessage(bytes.NewReader(msg))
	if err != nil {
		return "", fmt.Errorf("signing: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// LogID is the transparency-log ID of the key: hex sha256 of its DER.
func (k *Key) LogID() string {
	der, _ := x509.MarshalPKIXPublicKey(k.priv.Public())
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// Claims is what a simple-signing payload says about an image.
type Claims struct {
	Digest    string         // critical.image.docker-manifest-digest
	Reference string         // critical.identity.docker-reference
	Revision  string         // optional["org.opencontainers.image.revision"]; "" omits it
	Extra     map[string]any // more optional annotations
}

// Payload renders claims as the JSON cosign signs.
func Payload(c Claims) ([]byte, error) {
	opt := map[string]any{}
	for k, v := range c.Extra {
		opt[k] = v
	}
	if c.Revision != "" {
		opt[RevisionLabel] = c.Revision
	}
	p := payload.SimpleContainerImage{
		Critical: payload.Critical{
			Identity: payload.Identity{DockerReference: c.Reference},
			Image:    payload.Image{DockerManifestDigest: c.Digest},
			Type:     payload.CosignSignatureType,
		},
		Optional: opt,
	}
	return json.Marshal(p)
}

// Sig is one classic signature layer: payload, base64 signature and the
// Rekor bundle annotation.
type Sig struct {
	Payload   []byte
	Signature string
	// Bundle is the Rekor bundle; nil leaves the annotation out unless
	// RawBundle is set.
	Bundle    *cbundle.RekorBundle
	RawBundle string
}

// Rekor is a test transparency log: it makes bundles whose signed entry
// timestamps verify under its key, as rekor.sigstore.dev's do under the
// public-good key.
type Rekor struct {
	Key   *Key
	index int64
	// TreeIndex and TreeSize place a bundle's dsse entry in the log's
	// Merkle tree (NewBundle); a zero TreeSize is a one-leaf tree.
	TreeIndex, TreeSize int64
}

// NewRekor generates a test log key.
func NewRekor() (*Rekor, error) {
	k, err := NewKey()
	if err != nil {
		return nil, err
	}
	return &Rekor{Key: k, index: 1000}, nil
}

// PublicPEM is the log's public key.
func (r *Rekor) PublicPEM() []byte { return r.Key.PublicPEM() }

// Bundle logs a hashedrekord entry for (payload, signature, signer key) and
// returns the bundle cosign attaches: the canonical entry body, its
// integration time and index, and a SET over them.
func (r *Rekor) Bundle(b64sig string, msg []byte, signerPEM []byte) (*cbundle.RekorBundle, error) {
	sigBytes, err := base64.StdEncoding.DecodeString(b64sig)
	if err != nil {
		return nil, fmt.Errorf("decoding signature: %w", err)
	}
	sum := sha256.Sum256(msg)
	ctx := context.Background()
	props := rtypes.ArtifactProperties{
		ArtifactHash:   hex.EncodeToString(sum[:]),
		SignatureBytes: sigBytes,
		PublicKeyBytes: [][]byte{signerPEM},
		PKIFormat:      "x509",
	}
	pe, err := hashedrekord_v001.V001Entry{}.CreateFromArtifactProperties(ctx, props)
	if err != nil {
		return nil, fmt.Errorf("creating rekor entry: %w", err)
	}
	entry, err := rtypes.UnmarshalEntry(pe)
	if err != nil {
		return nil, fmt.Errorf("reading rekor entry: %w", err)
	}
	body, err := entry.Canonicalize(ctx)
	if err != nil {
		return nil, fmt.Errorf("canonicalizing rekor entry: %w", err)
	}
	r.index++
	p := cbundle.RekorPayload{
		Body:           base64.StdEncoding.EncodeToString(body),
		IntegratedTime: time.Now().Unix(),
		LogIndex:       r.index,
		LogID:          r.Key.LogID(),
	}
	set, err := r.SET(p)
	if err != nil {
		return nil, err
	}
	return &cbundle.RekorBundle{SignedEntryTimestamp: strfmt.Base64(set), Payload: p}, nil
}

// SET signs the canonical JSON of a bundle payload with the log key.
func (r *Rekor) SET(p cbundle.RekorPayload) ([]byte, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encoding bundle payload: %w", err)
	}
	canon, err := jsoncanonicalizer.Transform(raw)
	if err != nil {
		return nil, fmt.Errorf("canonicalizing bundle payload: %w", err)
	}
	b64, err := r.Key.Sign(canon)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

// NewSig signs claims with k and, when rekor is not nil, logs the signature
// and attaches the bundle.
func (k *Key) NewSig(c Claims, rekor *Rekor) (Sig, error) {
	p, err := Payload(c)
	if err != nil {
		return Sig{}, err
	}
	b64, err := k.Sign(p)
	if err != nil {
		return Sig{}, err
	}
	s := Sig{Payload: p, Signature: b64}
	if rekor != nil {
		if s.Bundle, err = rekor.Bundle(b64, p, k.PublicPEM()); err != nil {
			return Sig{}, err
		}
	}
	return s, nil
}

// Garbage is a layer that is not a valid signature: a random payload with a
// made-up signature.
func Garbage(i int) Sig {
	return Sig{Payload: []byte(fmt.Sprintf(`{"garbage":%d}`, i)), Signature: base64.StdEncoding.EncodeToString([]byte(strings.Repeat("x", 70)))}
}

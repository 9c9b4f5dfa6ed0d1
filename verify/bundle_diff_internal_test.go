package verify

import (
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	cbundle "github.com/sigstore/cosign/v3/pkg/cosign/bundle"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	sgobundle "github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	sgverify "github.com/sigstore/sigstore-go/pkg/verify"
	"github.com/sigstore/sigstore/pkg/signature"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/mcp-trust/mcp-trust/verify/internal/sgbundle"
	"github.com/mcp-trust/mcp-trust/verify/internal/sigkeys"
	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// verdict is what bundles.go concludes of a bundle: whether it is read and
// its signature (with the statement) verifies, and whether the full check
// with the transparency log and the image digest does.
type verdict struct{ sig, tlog bool }

// cosignVerdict is the reference: what bundles.go concluded before it used
// sgbundle, with protojson, sigstore-go's bundle and cosign.VerifyNewBundle.
func cosignVerdict(raw []byte, sv signature.Verifier, tm root.TrustedMaterial, d v1.Hash) (verdict, error) {
	pb := &protobundle.Bundle{}
	if err := protojson.Unmarshal(raw, pb); err != nil {
		return verdict{}, err
	}
	b, err := sgobundle.NewBundle(pb)
	if err != nil {
		return verdict{}, err
	}
	if !b.MinVersion("v0.3") {
		return verdict{}, nil
	}
	ctx := context.Background()
	co := &cosign.CheckOpts{SigVerifier: sv, TrustedMaterial: tm, IgnoreTlog: true}
	if _, err := cosign.VerifyNewBundle(ctx, co, sgverify.WithoutArtifactUnsafe(), b); err != nil {
		return verdict{}, err
	}
	full := *co
	full.IgnoreTlog = false
	digest, _ := hex.DecodeString(d.Hex)
	_, err = cosign.VerifyNewBundle(ctx, &full, sgverify.WithArtifactDigest(d.Algorithm, digest), b)
	return verdict{sig: true, tlog: err == nil}, err
}

// ourVerdict is the same decision through sgbundle and the adapter.
func ourVerdict(raw []byte, sv signature.Verifier, tm root.TrustedMaterial, d v1.Hash) (verdict, error) {
	b, err := sgbundle.Parse(raw)
	if err != nil {
		return verdict{}, err
	}
	if !b.MinVersion("v0.3") {
		return verdict{}, nil
	}
	key, logs, err := oursFrom(sv, tm)
	if err != nil {
		return verdict{}, err
	}
	if err := b.VerifySignature(key); err != nil {
		return verdict{}, err
	}
	err = bundleTlog(b, key, logs, d)
	return verdict{sig: true, tlog: err == nil}, err
}

// diffEnv is one signer, its log, and a stranger of each.
type diffEnv struct {
	key, other      *verifytest.Key
	rekor, otherLog *verifytest.Rekor
	sv              signature.Verifier
	tm              root.TrustedMaterial
	digest          v1.Hash
}

func newDiffEnv(t testing.TB) *diffEnv {
	t.Helper()
	e := &diffEnv{}
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	e.key, err = verifytest.NewKey()
	must(err)
	e.other, err = verifytest.NewKey()
	must(err)
	e.rekor, err = verifytest.NewRekor()
	must(err)
	e.otherLog, err = verifytest.NewRekor()
	must(err)
	k, err := parseKey(e.key.PublicPEM())
	must(err)
	e.sv, err = signature.LoadVerifier(k, crypto.SHA256)
	must(err)
	e.tm, err = trustFromKeys([][]byte{e.rekor.PublicPEM()})
	must(err)
	e.digest, err = v1.NewHash("sha256:" + hex.EncodeToString(make([]byte, 31)) + "ab")
	must(err)
	return e
}

// bundle signs the image digest with key, logged by log in a tree of size
// leaves at index.
func (e *diffEnv) bundle(t testing.TB, key *verifytest.Key, log *verifytest.Rekor, index, size int64) jsonObj {
	t.Helper()
	log.TreeIndex, log.TreeSize = index, size
	defer func() { log.TreeIndex, log.TreeSize = 0, 0 }()
	raw, err := key.NewBundle(verifytest.BundleClaims{Digest: e.digest.String(),
		Annotations: map[string]string{verifytest.RevisionLabel: "abc"}}, log)
	if err != nil {
		t.Fatal(err)
	}
	var m jsonObj
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// jsonObj is a bundle (or part of one) as generic JSON, to tamper with.
type jsonObj = map[string]any

func obj(m jsonObj, path ...string) jsonObj {
	for _, p := range path {
		m = m[p].(jsonObj)
	}
	return m
}

// entry is the bundle's first tlog entry.
func entry(m jsonObj) jsonObj {
	return obj(m, "verificationMaterial")["tlogEntries"].([]any)[0].(jsonObj)
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func unb64(t *testing.T, v any) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(v.(string))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func flip(t *testing.T, v any) string {
	b := unb64(t, v)
	b[len(b)/2] ^= 1
	return b64(b)
}

// relog has log sign the first entry as it now stands: a fresh SET and a
// one-leaf tree with its checkpoint. It is a genuine log entry of
// whatever the body says.
func relog(t *testing.T, m jsonObj, log *verifytest.Rekor) {
	t.Helper()
	en := entry(m)
	body := unb64(t, en["canonicalizedBody"])
	it, idx := intField(en, "integratedTime"), intField(en, "logIndex")
	logID := hex.EncodeToString(unb64(t, obj(en, "logId")["keyId"]))
	set, err := log.SET(cbundle.RekorPayload{Body: b64(body), IntegratedTime: it, LogIndex: idx, LogID: logID})
	if err != nil {
		t.Fatal(err)
	}
	en["inclusionPromise"] = jsonObj{"signedEntryTimestamp": b64(set)}
	root := verifytest.LeafHash(body)
	cp, err := log.Checkpoint(1, root)
	if err != nil {
		t.Fatal(err)
	}
	en["inclusionProof"] = jsonObj{"logIndex": "0", "rootHash": b64(root), "treeSize": "1", "hashes": []any{},
		"checkpoint": jsonObj{"envelope": cp}}
}

// intField reads an int64 field, which protojson omits when zero.
func intField(m jsonObj, f string) int64 {
	s, _ := m[f].(string)
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// editBody rewrites the first entry's canonicalized body.
func editBody(t *testing.T, m jsonObj, edit func(spec jsonObj)) {
	t.Helper()
	en := entry(m)
	var body jsonObj
	if err := json.Unmarshal(unb64(t, en["canonicalizedBody"]), &body); err != nil {
		t.Fatal(err)
	}
	edit(obj(body, "spec"))
	raw, _ := json.Marshal(body)
	en["canonicalizedBody"] = b64(raw)
}

// resignEnvelope has key sign the envelope as it now stands.
func resignEnvelope(t *testing.T, m jsonObj, key *verifytest.Key) {
	t.Helper()
	env := obj(m, "dsseEnvelope")
	pae := sgbundle.PAE(env["payloadType"].(string), unb64(t, env["payload"]))
	sig, err := key.Sign(pae)
	if err != nil {
		t.Fatal(err)
	}
	env["signatures"] = []any{jsonObj{"sig": sig}}
}

// shiftedTrust is e's log with a validity window that starts after now.
func (e *diffEnv) shiftedTrust(t *testing.T) root.TrustedMaterial {
	t.Helper()
	logs := e.tm.RekorLogs()
	shifted := map[string]*root.TransparencyLog{}
	for id, l := range logs {
		c := *l
		c.ValidityPeriodStart = time.Now().Add(time.Hour)
		shifted[id] = &c
	}
	tr, err := root.NewTrustedRoot(root.TrustedRootMediaType01, nil, nil, nil, shifted)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// oursFrom is the signing key and trusted logs the reference verdict used,
// read by our own parsers: the key through its PKIX DER, the logs through
// the trusted_root.json sigstore-go writes for them. So the production
// adapters (bundleKeyOf, bundleLogsOf) are what the comparison exercises.
func oursFrom(sv signature.Verifier, tm root.TrustedMaterial) (sgbundle.Key, sgbundle.LogKeys, error) {
	pub, err := sv.PublicKey()
	if err != nil {
		return sgbundle.Key{}, nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return sgbundle.Key{}, nil, err
	}
	k, err := sigkeys.ParseDER(der)
	if err != nil {
		return sgbundle.Key{}, nil, err
	}
	tr, ok := tm.(*root.TrustedRoot)
	if !ok {
		return sgbundle.Key{}, nil, fmt.Errorf("trusted material %T is not a trusted root", tm)
	}
	js, err := tr.MarshalJSON()
	if err != nil {
		return sgbundle.Key{}, nil, err
	}
	logs, err := sigkeys.LogKeysFromTrustedRoot(js)
	if err != nil {
		return sgbundle.Key{}, nil, err
	}
	return bundleKeyOf(k), bundleLogsOf(logs), nil
}

// trustFromKeys builds sigstore-go trusted material holding only the given
// transparency-log keys, valid from the epoch as sigkeys.LogKeysFromPEMs
// trusts them.
func trustFromKeys(pems [][]byte) (*root.TrustedRoot, error) {
	logs := map[string]*root.TransparencyLog{}
	for _, p := range pems {
		k, err := sigkeys.ParsePEM(p)
		if err != nil {
			return nil, err
		}
		id := sha256.Sum256(k.DER())
		logs[hex.EncodeToString(id[:])] = &root.TransparencyLog{
			ID:                  id[:],
			ValidityPeriodStart: time.Unix(1, 0),
			HashFunc:            crypto.SHA256,
			PublicKey:           k.Public(),
			SignatureHashFunc:   crypto.SHA256,
			BaseURL:             "https://rekor.invalid",
		}
	}
	return root.NewTrustedRoot(root.TrustedRootMediaType01, nil, nil, nil, logs)
}

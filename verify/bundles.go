package verify

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	"github.com/sigstore/cosign/v3/pkg/oci/static"
	ctypes "github.com/sigstore/cosign/v3/pkg/types"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	sgbundle "github.com/sigstore/sigstore-go/pkg/bundle"
	sgverify "github.com/sigstore/sigstore-go/pkg/verify"
	"google.golang.org/protobuf/encoding/protojson"
)

// bundleMediaPrefix starts the media type of a sigstore bundle layer and the
// artifactType of its referrer manifest.
const bundleMediaPrefix = "application/vnd.dev.sigstore.bundle"

// emptyConfigType is the config of an artifact manifest; registries that
// ignore artifactType report it instead.
const emptyConfigType = "application/vnd.oci.empty.v1+json"

// referrers lists the manifests in the signature repository that refer to
// digest and may hold a sigstore bundle: from the referrers API, or from
// the sha256-<hex> fallback tag when the registry has no such API.
func (r *run) referrers(ctx context.Context, digest string) ([]v1.Descriptor, error) {
	repo := r.p.sigRepo.RepositoryStr()
	lim := r.v.cfg.limits.ManifestBytes
	f, err := r.sig.get(ctx, repo+"/referrers/"+digest, string(types.OCIImageIndex), lim)
	if noReferrersAPI(err) {
		f, err = r.sig.get(ctx, repo+"/manifests/"+strings.Replace(digest, ":", "-", 1), string(types.OCIImageIndex), lim)
		if isNotFound(err) {
			return nil, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("listing referrers of %s: %w", digest, err)
	}
	var idx v1.IndexManifest
	if err := json.Unmarshal(f.body, &idx); err != nil {
		return nil, trustf("parsing referrers of %s: %w", digest, err)
	}
	var out []v1.Descriptor
	for _, d := range idx.Manifests {
		at := d.ArtifactType
		if at == "" || at == emptyConfigType || strings.HasPrefix(at, bundleMediaPrefix) {
			out = append(out, d)
		}
	}
	if lim := r.v.cfg.limits.Signatures; len(out) > lim {
		return nil, undecidedf("too many signature bundles: %d, limit %d", len(out), lim)
	}
	return out, nil
}

// noReferrersAPI reports a registry answer meaning "no referrers API here":
// 404 or another 4xx other than rate limiting.
func noReferrersAPI(err error) bool {
	var se *statusError
	if !asStatus(err, &se) {
		return false
	}
	return se.Code >= 400 && se.Code < 500 && se.Code != http.StatusTooManyRequests
}

// bundleOutcomes fetches each referrer's bundle concurrently and checks it.
func (r *run) bundleOutcomes(ctx context.Context, digest v1.Hash, refs []v1.Descriptor) []outcome {
	out := make([]outcome, len(refs))
	pool.Run(r.v.cfg.concurrency, len(refs), func(i int) {
		b, err := r.fetchBundle(ctx, refs[i])
		if err != nil {
			out[i] = outcome{err: err}
		} else {
			out[i] = r.bundleOutcome(ctx, b, digest)
		}
		out[i].subject, out[i].bundle = fmt.Sprintf("bundle %d", i+1), true
	})
	return out
}

// fetchBundle reads a referrer manifest by digest and its single bundle
// layer, both capped and hash-checked.
func (r *run) fetchBundle(ctx context.Context, d v1.Descriptor) (*sgbundle.Bundle, error) {
	lim := r.v.cfg.limits
	f, err := r.sig.getByDigest(ctx, r.p.sigRepo, "manifests", d.Digest.String(), acceptManifests, lim.ManifestBytes)
	if err != nil {
		return nil, fmt.Errorf("fetching referrer %s: %w", d.Digest, err)
	}
	var m v1.Manifest
	if err := json.Unmarshal(f.body, &m); err != nil {
		return nil, trustf("parsing referrer %s: %w", d.Digest, err)
	}
	if len(m.Layers) != 1 || !strings.HasPrefix(string(m.Layers[0].MediaType), bundleMediaPrefix) {
		return nil, trustf("referrer %s is not a sigstore bundle", d.Digest)
	}
	blob, err := r.sig.getByDigest(ctx, r.p.sigRepo, "blobs", m.Layers[0].Digest.String(), "", lim.PayloadBytes)
	if err != nil {
		return nil, fmt.Errorf("fetching bundle %s: %w", m.Layers[0].Digest, err)
	}
	pb := &protobundle.Bundle{}
	if err := protojson.Unmarshal(blob.body, pb); err != nil {
		return nil, trustf("parsing bundle: %w", err)
	}
	b, err := sgbundle.NewBundle(pb)
	if err != nil {
		return nil, trustf("reading bundle: %w", err)
	}
	if !b.MinVersion("v0.3") {
		return nil, trustf("bundle version too old")
	}
	return b, nil
}

// bundleOutcome checks one bundle with cosign's VerifyNewBundle (sigstore-go
// underneath): first the signature alone, then the in-toto claims, and
// lazily the transparency-log proof.
func (r *run) bundleOutcome(ctx context.Context, b *sgbundle.Bundle, digest v1.Hash) outcome {
	co := &cosign.CheckOpts{SigVerifier: r.v.verifier, TrustedMaterial: r.v.trust, IgnoreTlog: true}
	if _, err := cosign.VerifyNewBundle(ctx, co, sgverify.WithoutArtifactUnsafe(), b); err != nil {
		return outcome{err: trustf("bundle signature does not verify under the key: %v", err)}
	}
	env := b.GetDsseEnvelope()
	if env == nil {
		return outcome{rank: rankSigned, err: trustf("bundle holds no DSSE envelope")}
	}
	rank, err := r.bundleClaims(env.GetPayloadType(), env.GetPayload(), digest)
	tlog := func() error {
		full := *co
		full.IgnoreTlog = false
		raw, _ := hex.DecodeString(digest.Hex)
		if _, err := cosign.VerifyNewBundle(ctx, &full, sgverify.WithArtifactDigest(digest.Algorithm, raw), b); err != nil {
			return trustf("bundle transparency log entry does not verify: %w", err)
		}
		return nil
	}
	o := outcome{rank: rank, err: err, tlog: tlog}
	if entries, err := b.TlogEntries(); err == nil && len(entries) == 1 {
		i := entries[0].LogIndex()
		o.logIndex = &i
	}
	return o
}

// bundleClaims checks the statement a bundle signed: cosign's signing
// predicate, the resolved digest as subject (cosign's
// IntotoSubjectClaimVerifier) and the pinned revision among the subject's
// annotations. The layout carries no docker-reference; the identity stage
// rests on the digest being looked up in this image's signature repository
// and on the revision, so it is passed through.
func (r *run) bundleClaims(payloadType string, payload []byte, digest v1.Hash) (int, error) {
	var st struct {
		PredicateType string `json:"predicateType"`
		Subject       []struct {
			Digest      map[string]string `json:"digest"`
			Annotations map[string]any    `json:"annotations"`
		} `json:"subject"`
	}
	if payloadType != ctypes.IntotoPayloadType || json.Unmarshal(payload, &st) != nil {
		return rankSigned, trustf("bundle payload is not an in-toto statement")
	}
	if st.PredicateType != ctypes.CosignSignPredicateType {
		return rankSigned, trustf("bundle predicate %q is not a cosign signature", st.PredicateType)
	}
	att, err := static.NewAttestation(envelopeJSON(payloadType, payload))
	if err != nil {
		return rankSigned, trustf("reading bundle statement: %w", err)
	}
	if err := cosign.IntotoSubjectClaimVerifier(att, digest, nil); err != nil {
		return rankSigned, trustf("bundle is not for %s: %v", digest, err)
	}
	if !r.pinOK {
		return rankAll, nil
	}
	for _, s := range st.Subject {
		if s.Digest[digest.Algorithm] != digest.Hex {
			continue
		}
		rev, ok := s.Annotations[RevisionLabel].(string)
		if !ok {
			return rankReference, trustf("signature has no %s annotation", RevisionLabel)
		}
		if rev != r.p.target.ExpectedCommit {
			return rankReference, trustf("signed revision %q, catalog pins %s", rev, r.p.target.ExpectedCommit)
		}
		return rankAll, nil
	}
	return rankSigned, trustf("bundle is not for %s", digest)
}

// envelopeJSON re-wraps a statement as the DSSE JSON cosign's claim
// verifier reads (it only looks at the payload).
func envelopeJSON(payloadType string, payload []byte) []byte {
	b, _ := json.Marshal(struct {
		PayloadType string `json:"payloadType"`
		Payload     []byte `json:"payload"`
	}{payloadType, payload})
	return b
}

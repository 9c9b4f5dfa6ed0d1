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
	"github.com/mcp-trust/mcp-trust/verify/internal/sgbundle"
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
			out[i] = r.bundleOutcome(b, digest)
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
	b, err := sgbundle.Parse(blob.body)
	if err != nil {
		return nil, trustf("reading bundle: %w", err)
	}
	if !b.MinVersion("v0.3") {
		return nil, trustf("bundle version too old")
	}
	return b, nil
}

// bundleOutcome checks one bundle as cosign's VerifyNewBundle does for a
// key (sgbundle): first the signature alone, then the in-toto claims, and
// lazily the transparency-log proof.
func (r *run) bundleOutcome(b *sgbundle.Bundle, digest v1.Hash) outcome {
	key := bundleKeyOf(r.v.key)
	if err := b.VerifySignature(key); err != nil {
		return outcome{err: trustf("bundle signature does not verify under the key: %v", err)}
	}
	rank, err := r.bundleClaims(b, digest)
	tlog := func() error {
		if err := bundleTlog(b, key, bundleLogsOf(r.v.cfg.logs), digest); err != nil {
			return trustf("bundle transparency log entry does not verify: %w", err)
		}
		return nil
	}
	o := outcome{rank: rank, err: err, tlog: tlog}
	if len(b.Entries) == 1 {
		i := b.Entries[0].LogIndex
		o.logIndex = &i
	}
	return o
}

// bundleTlog is what cosign's VerifyNewBundle checks with the log: one
// verified entry, then the signature again and the statement's subject
// against the image digest.
func bundleTlog(b *sgbundle.Bundle, key sgbundle.Key, logs sgbundle.LogKeys, digest v1.Hash) error {
	if err := b.VerifyTlog(key, logs, 1); err != nil {
		return err
	}
	if err := b.VerifySignature(key); err != nil {
		return err
	}
	raw, err := hex.DecodeString(digest.Hex)
	if err != nil {
		return fmt.Errorf("decoding digest: %w", err)
	}
	return b.VerifyArtifactDigest(digest.Algorithm, raw)
}

// cosignSignPredicate is the predicate type of `cosign sign`'s statement.
const cosignSignPredicate = "https://sigstore.dev/cosign/sign/v1"

// bundleClaims checks the statement a bundle signed: cosign's signing
// predicate, the resolved digest as a sha256 subject (cosign's
// IntotoSubjectClaimVerifier) and the pinned revision among the subject's
// annotations. The layout carries no docker-reference; the identity stage
// rests on the digest being looked up in this image's signature repository
// and on the revision, so it is passed through.
func (r *run) bundleClaims(b *sgbundle.Bundle, digest v1.Hash) (int, error) {
	st, err := b.Statement()
	if err != nil {
		return rankSigned, trustf("bundle payload is not an in-toto statement")
	}
	if st.PredicateType != cosignSignPredicate {
		return rankSigned, trustf("bundle predicate %q is not a cosign signature", st.PredicateType)
	}
	if !hasSHA256Subject(st, digest) {
		return rankSigned, trustf("bundle is not for %s: no matching subject digest found", digest)
	}
	if !r.pinOK {
		return rankAll, nil
	}
	for _, s := range st.Subjects {
		if s.Digest[digest.Algorithm] != digest.Hex {
			continue
		}
		rev, ok := s.Annotations[RevisionLabel]
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

// hasSHA256Subject is cosign's IntotoSubjectClaimVerifier without
// annotations: some subject's sha256 digest names the image.
func hasSHA256Subject(st *sgbundle.Statement, digest v1.Hash) bool {
	for _, s := range st.Subjects {
		if d, ok := s.Digest["sha256"]; ok && "sha256:"+d == digest.String() {
			return true
		}
	}
	return false
}

package verify

import (
	"context"
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/internal/pool"
	"github.com/mcp-trust/mcp-trust/verify/internal/cosignsig"
)

// sigTag is cosign's classic signature tag for a digest: sha256-<hex>.sig.
func sigTag(digest string) string {
	return strings.Replace(digest, ":", "-", 1) + ".sig"
}

// sigLayers fetches the classic signature manifest and every payload it
// lists. found is false when the .sig tag does not exist.
func (r *run) sigLayers(ctx context.Context, digest string) (layers []sigLayer, found bool, err error) {
	repo := r.p.sigRepo
	f, err := r.sig.get(ctx, repo.RepositoryStr()+"/manifests/"+sigTag(digest), acceptManifests, r.v.cfg.limits.ManifestBytes)
	if isNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, fmt.Errorf("fetching signatures %s:%s: %w", repo.RepositoryStr(), sigTag(digest), err)
	}
	r.sigDigest = f.digest
	doc, err := parseManifest(f)
	if err != nil {
		return nil, true, err
	}
	if doc.image == nil {
		return nil, true, trustf("signature manifest is an index")
	}
	if n, lim := len(doc.image.Layers), r.v.cfg.limits.Signatures; n > lim {
		return nil, true, undecidedf("too many signatures: %d, limit %d", n, lim)
	}
	return r.fetchPayloads(ctx, digest, doc.image.Layers), true, nil
}

// sigLayer is one signature layer with its payload or the error reading it.
type sigLayer struct {
	desc    v1.Descriptor
	payload []byte
	err     error
}

// fetchPayloads reads every signature payload of digest concurrently,
// bounded; a payload cosign's deterministic encoding reproduces is not
// fetched (payloadguess.go).
func (r *run) fetchPayloads(ctx context.Context, digest string, descs []v1.Descriptor) []sigLayer {
	out := make([]sigLayer, len(descs))
	guesses := newPayloadGuesses(r.p.want, digest, r.p.target.ExpectedCommit)
	pool.Run(r.v.cfg.concurrency, len(descs), func(i int) {
		d := descs[i]
		out[i].desc = d
		if p := guesses.lookup(d); p != nil {
			out[i].payload = p
			return
		}
		f, err := r.sig.getByDigest(ctx, r.p.sigRepo, "blobs", d.Digest.String(), "", r.v.cfg.limits.PayloadBytes)
		if isNotFound(err) {
			err = trustf("payload %s not found", d.Digest)
		}
		if f != nil {
			out[i].payload = f.body
		}
		out[i].err = err
	})
	return out
}

// Stages a signature can pass, in order; a candidate's rank is how many it
// passed, and the best-ranked failure gives the reason.
const (
	rankUnreadable = iota
	rankSigned     // verifies under the key
	rankDigest     // claims the resolved digest
	rankReference  // names the expected repository
	rankAll        // carries the pinned revision
)

// outcome is how far one signature got, and how to check its
// transparency-log proof once it passed everything else.
type outcome struct {
	subject string // "signature 2" or "bundle 1"
	bundle  bool   // from a sigstore bundle referrer, not a .sig layer
	rank    int
	err     error
	tlog    func() error
	// logIndex is the Rekor log index the signature claims, if any.
	logIndex *int64
}

// classicOutcome runs every check on one classic signature layer.
func (r *run) classicOutcome(ctx context.Context, l sigLayer, digest v1.Hash) outcome {
	if l.err != nil {
		return outcome{err: l.err}
	}
	b64 := l.desc.Annotations[cosignsig.SignatureAnnotation]
	if b64 == "" {
		return outcome{err: trustf("layer %s has no signature annotation", l.desc.Digest)}
	}
	var bundle *cosignsig.Bundle
	var bundleErr error
	var logIndex *int64
	if raw := l.desc.Annotations[cosignsig.BundleAnnotation]; raw != "" {
		b, err := cosignsig.ParseBundle(raw)
		if err != nil {
			bundleErr = trustf("parsing Rekor bundle: %w", err)
		} else {
			bundle, logIndex = b, &b.Payload.LogIndex
		}
	}
	if err := cosignsig.VerifySignature(r.v.key, l.payload, b64); err != nil {
		return outcome{err: trustf("signature does not verify under the key")}
	}
	rank, err := r.claims(l.payload, digest)
	tlog := func() error { return r.classicTlog(l.payload, b64, bundle, bundleErr) }
	return outcome{rank: rank, err: err, tlog: tlog, logIndex: logIndex}
}

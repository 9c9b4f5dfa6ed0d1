package verify

import (
	"context"
	"fmt"
	"sync"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// attestation reads one attestation manifest and every SLSA provenance
// layer in it, by digest, within the limits, and compares each statement
// with the catalog. Other layers (SBOMs) are never fetched.
func (r *run) attestation(ctx context.Context, sem chan struct{}, a v1.Descriptor, platform string) []provOutcome {
	fail := func(err error) []provOutcome { return []provOutcome{{err: err}} }
	sem <- struct{}{}
	f, err := r.img.getByDigest(ctx, r.p.repo, "manifests", a.Digest.String(), acceptManifests, r.v.cfg.limits.ManifestBytes)
	<-sem
	if err != nil {
		return fail(r.manifestErr(err, a.Digest.String()))
	}
	doc, err := parseManifest(f)
	if err != nil {
		return fail(err)
	}
	if doc.image == nil {
		return fail(trustf("attestation %s is an index", a.Digest))
	}
	lim := r.v.cfg.limits
	if n := len(doc.image.Layers); n > lim.AttestationLayers {
		return fail(undecidedf("attestation %s has %d layers, limit %d", a.Digest, n, lim.AttestationLayers))
	}
	var layers []v1.Descriptor
	for _, l := range doc.image.Layers {
		if string(l.MediaType) == inTotoMediaType && isProvenanceType(l.Annotations[predicateTypeKey]) {
			layers = append(layers, l)
		}
	}
	outs := make([]provOutcome, len(layers))
	var wg sync.WaitGroup
	for i, l := range layers {
		if l.Size > lim.AttestationBytes {
			outs[i].err = undecidedf("provenance %s of %d bytes exceeds the %s limit", l.Digest, l.Size, size(lim.AttestationBytes))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			outs[i] = r.statementOutcome(ctx, l, platform)
		}()
	}
	wg.Wait()
	return outs
}

// statementOutcome fetches one provenance layer and compares it.
func (r *run) statementOutcome(ctx context.Context, l v1.Descriptor, platform string) provOutcome {
	f, err := r.img.getByDigest(ctx, r.p.repo, "blobs", l.Digest.String(), "", r.v.cfg.limits.AttestationBytes)
	if err != nil {
		if isNotFound(err) {
			return provOutcome{err: undecidedf("fetching provenance %s: not found", l.Digest)}
		}
		return provOutcome{err: fmt.Errorf("fetching provenance %s: %w", l.Digest, err)}
	}
	claims, err := parseStatement(f.body, l.Annotations[predicateTypeKey], platform)
	if err != nil {
		return provOutcome{err: trustf("provenance %s: %w", l.Digest, err)}
	}
	field, err := compareClaims(claims, r.p.target.SourceRepo, r.p.target.ExpectedCommit)
	return provOutcome{matched: field, err: err}
}

package verify

import (
	"context"
	"fmt"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/verify/internal/cosignsig"
)

// tlogSkipReason is the tlog reason under --insecure-ignore-tlog.
const tlogSkipReason = "transparency log check skipped (--insecure-ignore-tlog)"

// signatureChecks fetches and checks signatures for digest, returning the
// signature and tlog checks. Both layouts are looked up at once: cosign's
// classic .sig tag and cosign v3 sigstore bundles stored as OCI referrers.
// Bundles are only fetched when no classic signature passed, so a classic
// image costs no extra round trip, and once a classic signature passed the
// referrers list is waited for at most about a round trip more (not at all
// under WithSingleVerify). One signature must pass every stage; its
// transparency-log proof then decides the tlog check.
func (r *run) signatureChecks(ctx context.Context, digest string) []Check {
	h, err := v1.NewHash(digest)
	if err != nil {
		return r.sigResult(checkFrom(CheckSignature, trustf("parsing digest: %w", err), ""), r.tlogNotChecked())
	}
	start := time.Now()
	refCtx, cancelRefs := context.WithCancel(ctx)
	defer cancelRefs()
	refsc := make(chan referrersResult, 1)
	go func() {
		refs, err := r.referrers(refCtx, digest)
		refsc <- referrersResult{refs, err}
	}()
	layers, _, sigErr := r.sigLayers(ctx, digest)
	outs := make([]outcome, 0, len(layers))
	for i, l := range layers {
		o := r.classicOutcome(ctx, l, h)
		o.subject = fmt.Sprintf("signature %d", i+1)
		outs = append(outs, o)
	}
	if anyValid(outs) {
		// The referrers list is not used. A slow referrers API must not
		// delay a classic verify, but cancelling an HTTP/1.1 request
		// closes its connection and the next request pays a new TCP and
		// TLS handshake: unless this is the Verifier's only verify, give
		// the answer as long again as the classic signature took (about a
		// round trip; on a fast network a new connection is cheap and the
		// wait is short), then abandon it.
		var grace time.Duration
		if !r.v.cfg.singleVerify {
			grace = time.Since(start)
		}
		awaitReferrers(refsc, cancelRefs, grace)
		return r.sigResult(r.judge(outs))
	}
	rr := <-refsc
	refErr := rr.err
	outs = append(outs, r.bundleOutcomes(ctx, h, rr.refs)...)
	for _, err := range []error{sigErr, refErr} {
		if err != nil && !anyValid(outs) {
			return r.sigResult(checkFrom(CheckSignature, err, ""), r.tlogNotChecked())
		}
	}
	if len(outs) == 0 {
		reason := fmt.Sprintf("no signatures (%s:%s not found, no sigstore bundle referrers)", r.p.sigRepo.Name(), sigTag(digest))
		return r.sigResult(Check{Name: CheckSignature, Status: StatusFail, Reason: reason}, r.tlogNotChecked())
	}
	return r.sigResult(r.judge(outs))
}

// WithSingleVerify says the Verifier runs one Verify, so keeping its
// connections for later ones is worth no wait: a referrers list that turned
// out unused is abandoned at once. verify with one target sets it.
func WithSingleVerify() Option {
	return func(c *config) error {
		c.singleVerify = true
		return nil
	}
}

// awaitReferrers waits for an unused referrers answer for at most grace,
// then cancels the request and waits for it to end, so no request outlives
// the verify.
func awaitReferrers(refsc <-chan referrersResult, cancel context.CancelFunc, grace time.Duration) {
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-refsc:
	case <-t.C:
		cancel()
		<-refsc
	}
}

type referrersResult struct {
	refs []v1.Descriptor
	err  error
}

func anyValid(outs []outcome) bool {
	for _, o := range outs {
		if o.rank == rankAll {
			return true
		}
	}
	return false
}

// judge picks the signature that got furthest and words both checks.
func (r *run) judge(outs []outcome) (Check, Check) {
	sig := Check{Name: CheckSignature, Detail: make([]Detail, len(outs))}
	best, valid, tlogBest := -1, 0, error(nil)
	for i, o := range outs {
		d := Detail{Subject: o.subject, Status: statusOf(o.err)}
		if o.err != nil {
			d.Reason = o.err.Error()
		}
		sig.Detail[i] = d
		if o.rank == rankAll {
			valid++
			var tlogErr error
			if !r.v.cfg.ignoreTlog {
				tlogErr = o.tlog()
			}
			if best < 0 || outs[best].rank < rankAll || (tlogBest != nil && tlogErr == nil) {
				best, tlogBest = i, tlogErr
			}
			continue
		}
		if best < 0 || o.rank > outs[best].rank || (o.rank == outs[best].rank && statusOf(o.err) == StatusError) {
			best = i
		}
	}
	if valid > 0 {
		sig.Status, sig.Reason = StatusPass, r.describe(valid, len(outs), outs[best].bundle)
		r.classicOK = !outs[best].bundle
		if tlogBest == nil && !r.v.cfg.ignoreTlog {
			r.res.Facts.RekorLogIndex = outs[best].logIndex
		}
		return sig, r.tlogCheck(tlogBest, outs[best].bundle)
	}
	sig.Status = statusOf(outs[best].err)
	sig.Reason = fmt.Sprintf("%d signature%s, none valid: %s", len(outs), plural(len(outs)), outs[best].err)
	return sig, r.tlogNotChecked()
}

// classicTlog verifies a classic signature's Rekor bundle offline as
// cosign's VerifyBundle does: the entry must name this signature and key and
// the payload's hash, and its SET must verify under a trusted log key valid
// at its integration time (THREATS C13). A bundle annotation that did not
// parse arrives as bundleErr.
func (r *run) classicTlog(payload []byte, b64sig string, b *cosignsig.Bundle, bundleErr error) error {
	switch {
	case bundleErr != nil:
		return bundleErr
	case b == nil:
		return trustf("no Rekor bundle on the signature")
	}
	if err := cosignsig.VerifyBundle(b, payload, b64sig, r.v.key, r.v.cfg.logs); err != nil {
		return trustf("Rekor bundle does not verify: %w", err)
	}
	return nil
}

func (r *run) tlogCheck(err error, bundle bool) Check {
	if r.v.cfg.ignoreTlog {
		return Check{Name: CheckTlog, Status: StatusSkip, Reason: tlogSkipReason}
	}
	pass := "Rekor bundle verified offline (SET over this signature, key and payload)"
	if bundle {
		pass = "sigstore bundle's Rekor entry verified offline (SET and inclusion proof)"
	}
	return checkFrom(CheckTlog, err, pass)
}

func (r *run) tlogNotChecked() Check {
	if r.v.cfg.ignoreTlog {
		return Check{Name: CheckTlog, Status: StatusSkip, Reason: tlogSkipReason}
	}
	return Check{Name: CheckTlog, Status: StatusSkip, Reason: "not checked: no valid signature"}
}

// sigResult applies Enforce: for a publisher image a missing or non-Docker
// signature is not enforceable rather than a failure.
func (r *run) sigResult(sig, tlog Check) []Check {
	if !r.p.target.Enforce && sig.Status == StatusFail {
		sig.Status = StatusSkip
		sig.Reason = "publisher image, not enforced: " + sig.Reason
		if tlog.Status == StatusFail {
			tlog.Status = StatusSkip
		}
	}
	return []Check{sig, tlog}
}

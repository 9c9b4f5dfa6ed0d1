package verify

import (
	"context"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/sigstore/cosign/v3/pkg/cosign"
)

// tlogSkipReason is the tlog reason under --insecure-ignore-tlog.
const tlogSkipReason = "transparency log check skipped (--insecure-ignore-tlog)"

// signatureChecks fetches and checks signatures for digest, returning the
// signature and tlog checks. One signature must pass every stage; its Rekor
// bundle then decides the tlog check.
func (r *run) signatureChecks(ctx context.Context, digest string) []Check {
	h, err := v1.NewHash(digest)
	if err != nil {
		return r.sigResult(checkFrom(CheckSignature, trustf("parsing digest: %w", err), ""), r.tlogNotChecked())
	}
	layers, found, err := r.sigLayers(ctx, digest)
	if err != nil {
		return r.sigResult(checkFrom(CheckSignature, err, ""), r.tlogNotChecked())
	}
	if !found || len(layers) == 0 {
		where := r.p.sigRepo.Name() + ":" + sigTag(digest)
		return r.sigResult(Check{Name: CheckSignature, Status: StatusFail, Reason: "no signatures (" + where + " not found)"}, r.tlogNotChecked())
	}
	outs := make([]outcome, len(layers))
	for i, l := range layers {
		outs[i] = r.classicOutcome(ctx, l, h)
	}
	return r.sigResult(r.judge(outs))
}

// judge picks the signature that got furthest and words both checks.
func (r *run) judge(outs []outcome) (Check, Check) {
	sig := Check{Name: CheckSignature, Detail: make([]Detail, len(outs))}
	best, valid, tlogBest := -1, 0, error(nil)
	for i, o := range outs {
		d := Detail{Subject: fmt.Sprintf("signature %d", i+1), Status: statusOf(o.err)}
		if o.err != nil {
			d.Reason = o.err.Error()
		}
		sig.Detail[i] = d
		if o.rank == rankAll {
			valid++
			tlogErr := r.tlog(o)
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
		sig.Status, sig.Reason = StatusPass, r.describe(valid, len(outs))
		return sig, r.tlogCheck(tlogBest)
	}
	sig.Status = statusOf(outs[best].err)
	sig.Reason = fmt.Sprintf("%d signature%s, none valid: %s", len(outs), plural(len(outs)), outs[best].err)
	return sig, r.tlogNotChecked()
}

// tlog verifies one signature's Rekor bundle offline with cosign's own
// bundle check: the entry must name this signature and key and the payload's
// hash, and its SET must verify under a trusted log key (THREATS C13).
func (r *run) tlog(o outcome) error {
	if r.v.cfg.ignoreTlog {
		return nil
	}
	if o.bundleErr != nil {
		return o.bundleErr
	}
	co := &cosign.CheckOpts{SigVerifier: r.v.verifier, TrustedMaterial: r.v.trust}
	ok, err := cosign.VerifyBundle(o.sig, co)
	switch {
	case err != nil:
		return trustf("Rekor bundle does not verify: %w", err)
	case !ok:
		return trustf("no Rekor bundle on the signature")
	}
	return nil
}

func (r *run) tlogCheck(err error) Check {
	if r.v.cfg.ignoreTlog {
		return Check{Name: CheckTlog, Status: StatusSkip, Reason: tlogSkipReason}
	}
	return checkFrom(CheckTlog, err, "Rekor bundle verified offline")
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

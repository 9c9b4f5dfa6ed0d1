package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// CheckProvenance is the build-provenance check: the BuildKit SLSA
// provenance attested in the signed index names the catalog's repository
// and pin. It comes after tlog.
const CheckProvenance = "provenance"

// referenceDigestKey names, on an attestation-manifest index entry, the
// platform manifest it describes.
const referenceDigestKey = "vnd.docker.reference.digest"

// ignoredSubject is the Detail subject of an attestation that describes no
// platform of the index.
const ignoredSubject = "ignored attestation"

// WithRequireProvenance makes a skipped provenance check (no attestation,
// not covered by the signature, or not readable) fail the verdict. Default:
// a skip is reported and does not change the verdict.
func WithRequireProvenance() Option {
	return func(c *config) error { c.requireProvenance = true; return nil }
}

// provenance is what was fetched and compared, before the signature result
// says whether it counts.
type provenance struct {
	none    string   // why there is nothing to check; "" when details are set
	err     error    // the check as a whole could not run
	details []Detail // one per checked platform, then ignored attestations
}

// fetchProvenance reads, for every checked platform of an index, its
// attestation manifests and their SLSA provenance layers, and compares
// them with the catalog. It runs beside the label and signature checks: the
// attestation manifests ride with the platform manifests and the layers
// with the configs, so the check adds no sequential round trip.
func (r *run) fetchProvenance(ctx context.Context, doc *manifestDoc) *provenance {
	switch {
	case doc.index == nil:
		return &provenance{none: "no attestation: a single-manifest image (BuildKit attests in an index)"}
	case !r.pinOK:
		return &provenance{none: "not compared: no valid pin"}
	case r.p.target.SourceRepo == "":
		return &provenance{none: "not compared: no catalog source repository"}
	}
	if n, lim := len(doc.index.Manifests), r.v.cfg.limits.IndexEntries; n > lim {
		return &provenance{err: undecidedf("index has %d entries, limit %d", n, lim)}
	}
	platforms, atts, ignored := r.attestationsOf(doc.index)
	if len(platforms) == 0 {
		return &provenance{none: "no runnable platform to attest"}
	}
	if len(atts) == 0 && len(ignored) == 0 {
		return &provenance{none: "no attestation: the index lists no BuildKit attestation manifest"}
	}
	details := make([]Detail, len(platforms))
	var wg sync.WaitGroup
	sem := make(chan struct{}, r.v.cfg.concurrency)
	for i, p := range platforms {
		details[i] = Detail{Subject: platformString(p.Platform), Digest: p.Digest.String()}
		wg.Add(1)
		go func() {
			defer wg.Done()
			details[i].Status, details[i].Reason = r.platformProvenance(ctx, sem, p.Digest.String(), atts[p.Digest.String()])
		}()
	}
	wg.Wait()
	return &provenance{details: append(details, ignored...)}
}

// attestationsOf splits an index into the platforms to check and the
// attestation manifests naming each; an attestation naming no checked
// platform is listed as ignored, since it says nothing about this image.
func (r *run) attestationsOf(idx *v1.IndexManifest) ([]v1.Descriptor, map[string][]v1.Descriptor, []Detail) {
	var platforms []v1.Descriptor
	all := map[string]bool{}
	for _, d := range idx.Manifests {
		if !isAttestation(d) {
			all[d.Digest.String()] = true
			if _, skip := r.skipEntry(d); !skip {
				platforms = append(platforms, d)
			}
		}
	}
	atts := map[string][]v1.Descriptor{}
	var ignored []Detail
	for _, d := range idx.Manifests {
		if d.Annotations["vnd.docker.reference.type"] != "attestation-manifest" {
			continue
		}
		of := d.Annotations[referenceDigestKey]
		if !all[of] {
			ignored = append(ignored, Detail{Subject: ignoredSubject, Digest: d.Digest.String(), Status: StatusSkip,
				Reason: fmt.Sprintf("ignored: describes %q, not a platform of this index", of)})
			continue
		}
		atts[of] = append(atts[of], d)
	}
	return platforms, atts, ignored
}

// platformProvenance checks one platform's attestations: every SLSA
// provenance statement must agree with the catalog, and at least one must
// name the repository at the pin.
func (r *run) platformProvenance(ctx context.Context, sem chan struct{}, digest string, atts []v1.Descriptor) (Status, string) {
	if len(atts) == 0 {
		return StatusSkip, "no attestation for this platform"
	}
	per := make([][]provOutcome, len(atts))
	var wg sync.WaitGroup
	for i, a := range atts {
		wg.Add(1)
		go func() { defer wg.Done(); per[i] = r.attestation(ctx, sem, a, digest) }()
	}
	wg.Wait()
	var outs []provOutcome
	for _, o := range per {
		outs = append(outs, o...)
	}
	return foldOutcomes(outs)
}

// provOutcome is what one statement (or one attestation manifest that
// could not be read) said: the field that matched, or why not.
type provOutcome struct {
	matched string
	err     error
}

// foldOutcomes: a mismatch or malformed statement fails, an unreadable one
// leaves the platform undecided, else one match passes; a statement with no
// git source, or none at all, is a skip.
func foldOutcomes(outs []provOutcome) (Status, string) {
	var errored, skipped error
	matched := ""
	for _, o := range outs {
		switch {
		case o.err == nil:
			if matched == "" {
				matched = o.matched
			}
		case isNoGitSource(o.err):
			skipped = o.err
		case statusOf(o.err) == StatusFail:
			return StatusFail, o.err.Error()
		default:
			errored = o.err
		}
	}
	switch {
	case errored != nil:
		return StatusError, errored.Error()
	case matched != "":
		return StatusPass, matched + " names the repository at the pin"
	case skipped != nil:
		return StatusSkip, skipped.Error()
	}
	return StatusSkip, "attestation has no SLSA provenance"
}

func isNoGitSource(err error) bool {
	var e errNoGitSource
	return errors.As(err, &e)
}

// provenanceCheck words the check once the signature is known. BuildKit
// attestations are unsigned: they count only because the signature that
// passed covers the index digest, and the index lists them by digest.
func (r *run) provenanceCheck(p *provenance, sig Check) Check {
	c := Check{Name: CheckProvenance, Detail: p.details}
	covered := "the attestation counts only because the signature that passed covers index " + r.res.Digest + ", which lists the unsigned attestations by digest"
	switch {
	case p.none != "":
		c.Status, c.Reason = StatusSkip, p.none
	case p.err != nil:
		c.Status, c.Reason = StatusError, p.err.Error()
	case sig.Status != StatusPass:
		c.Status = StatusSkip
		c.Reason = "not covered: BuildKit attestations are unsigned and count only when a signature that passed covers the index " + r.res.Digest + " listing them; none did"
	default:
		c.Status, c.Reason = summariseProvenance(p.details)
		if c.Status == StatusPass {
			c.Reason = fmt.Sprintf("built from %s at %s (%s); %s", r.p.target.SourceRepo, r.p.target.ExpectedCommit, c.Reason, covered)
		} else if c.Status == StatusFail {
			c.Reason += "; " + covered
		}
	}
	return r.requireProvenance(c)
}

// summariseProvenance folds per-platform results: a mismatch on any
// platform fails, an unreadable one is undecided, a platform without
// provenance leaves the check skipped. Ignored attestations (for no
// platform of the index) do not count.
func summariseProvenance(details []Detail) (Status, string) {
	var failed, errored, skipped, passed []string
	n := 0
	for _, d := range details {
		if d.Subject == ignoredSubject {
			continue
		}
		line := d.Subject + ": " + d.Reason
		switch d.Status {
		case StatusFail:
			failed = append(failed, line)
		case StatusError:
			errored = append(errored, line)
		case StatusSkip:
			skipped = append(skipped, line)
		default:
			n++
			if !slices.Contains(passed, d.Reason) {
				passed = append(passed, d.Reason)
			}
		}
	}
	switch {
	case len(failed) > 0:
		return StatusFail, strings.Join(failed, "; ")
	case len(errored) > 0:
		return StatusError, strings.Join(errored, "; ")
	case len(skipped) > 0:
		return StatusSkip, strings.Join(skipped, "; ")
	}
	return StatusPass, fmt.Sprintf("SLSA provenance of %d platform%s: %s", n, plural(n), strings.Join(passed, "; "))
}

// requireProvenance applies --require-provenance: a skip fails. Without
// it, provenance that could not be read is a skip, so an optional check
// never turns a verified image undecided.
func (r *run) requireProvenance(c Check) Check {
	switch {
	case r.v.cfg.requireProvenance && c.Status == StatusSkip:
		c.Status, c.Reason = StatusFail, "provenance required (--require-provenance): "+c.Reason
	case !r.v.cfg.requireProvenance && c.Status == StatusError:
		c.Status, c.Reason = StatusSkip, "could not check: "+c.Reason
	}
	return c
}

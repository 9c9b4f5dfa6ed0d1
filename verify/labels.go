package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/mcp-trust/mcp-trust/internal/pool"
)

// RevisionLabel is the config label Docker's build sets to the source commit.
const RevisionLabel = "org.opencontainers.image.revision"

// labelCheck checks the revision label of the image, or of every runnable
// platform of an index (THREATS C5, C11, C12).
func (r *run) labelCheck(ctx context.Context, doc *manifestDoc) Check {
	if doc.image != nil {
		err := r.imageLabel(ctx, doc.image, r.v.cfg.platform)
		return r.labelResult(err, fmt.Sprintf("label %s=%s", RevisionLabel, r.p.target.ExpectedCommit))
	}
	return r.indexLabels(ctx, doc.index)
}

// labelResult turns a label error into the check; without an enforceable
// pin a missing label is a skip, not a failure.
func (r *run) labelResult(err error, pass string) Check {
	c := checkFrom(CheckRevisionLabel, err, pass)
	if err == nil && !r.pinOK {
		return Check{Name: CheckRevisionLabel, Status: StatusSkip, Reason: "not compared: no valid pin"}
	}
	if isMissingLabel(err) && !r.p.target.Enforce {
		c.Status = StatusSkip
	}
	return c
}

// errNoLabel marks a config without the revision label.
type errNoLabel struct{}

func (errNoLabel) Error() string { return "no revision label" }

func isMissingLabel(err error) bool {
	var nl errNoLabel
	return errors.As(err, &nl)
}

// imageLabel fetches one config and compares its label with the pin,
// exactly: no trimming, no case folding. When platform is set (a
// single-platform image checked with --platform) the config's own platform
// must match it first: an image of another platform is not what was asked
// for.
func (r *run) imageLabel(ctx context.Context, m *v1.Manifest, platform string) error {
	f, err := r.img.getByDigest(ctx, r.p.repo, "blobs", m.Config.Digest.String(), "", r.v.cfg.limits.ConfigBytes)
	if err != nil {
		if isNotFound(err) {
			return undecidedf("fetching config %s: not found", m.Config.Digest)
		}
		return fmt.Errorf("fetching config %s: %w", m.Config.Digest, err)
	}
	var cfg v1.ConfigFile
	if err := json.Unmarshal(f.body, &cfg); err != nil {
		return trustf("parsing config %s: %w", m.Config.Digest, err)
	}
	if got := cfg.Platform(); platform != "" && !platformMatches(got, platform) {
		return trustf("image is %s, not the requested platform %s", platformString(got), platform)
	}
	got, ok := cfg.Config.Labels[RevisionLabel]
	switch {
	case !ok:
		return &TrustError{Err: errNoLabel{}}
	case !r.pinOK:
		return nil
	case got != r.p.target.ExpectedCommit:
		return trustf("built from %q, catalog pins %s", got, r.p.target.ExpectedCommit)
	}
	return nil
}

// indexLabels checks every runnable platform concurrently and names each
// one that fails.
func (r *run) indexLabels(ctx context.Context, idx *v1.IndexManifest) Check {
	lim := r.v.cfg.limits.IndexEntries
	if len(idx.Manifests) > lim {
		return Check{Name: CheckRevisionLabel, Status: StatusError,
			Reason: fmt.Sprintf("index has %d entries, limit %d", len(idx.Manifests), lim)}
	}
	details := make([]Detail, len(idx.Manifests))
	pool.Run(r.v.cfg.concurrency, len(idx.Manifests), func(i int) {
		d := idx.Manifests[i]
		details[i] = Detail{Subject: platformString(d.Platform), Digest: d.Digest.String()}
		if reason, skip := r.skipEntry(d); skip {
			details[i].Status, details[i].Reason = StatusSkip, reason
			return
		}
		err := r.platformLabel(ctx, d)
		details[i].Status = statusOf(err)
		if isMissingLabel(err) && !r.p.target.Enforce {
			details[i].Status = StatusSkip
		}
		if err != nil {
			details[i].Reason = err.Error()
		}
	})
	return r.summarise(details)
}

// skipEntry says why an index entry is not checked: an attestation, or not
// the platform asked for.
func (r *run) skipEntry(d v1.Descriptor) (string, bool) {
	if isAttestation(d) {
		return "attestation manifest", true
	}
	if p := r.v.cfg.platform; p != "" && !platformMatches(d.Platform, p) {
		return "not the requested platform " + p, true
	}
	return "", false
}

func platformMatches(p *v1.Platform, want string) bool {
	if p == nil {
		return false
	}
	got := platformString(p)
	return got == want || (strings.Count(want, "/") == 1 && strings.HasPrefix(got, want+"/"))
}

// platformLabel fetches one platform's manifest by digest, refuses a nested
// index, and checks its config.
func (r *run) platformLabel(ctx context.Context, d v1.Descriptor) error {
	f, err := r.img.getByDigest(ctx, r.p.repo, "manifests", d.Digest.String(), acceptManifests, r.v.cfg.limits.ManifestBytes)
	if err != nil {
		return r.manifestErr(err, d.Digest.String())
	}
	doc, err := parseManifest(f)
	if err != nil {
		return err
	}
	if doc.index != nil {
		return trustf("nested index rejected")
	}
	return r.imageLabel(ctx, doc.image, "")
}

// summarise folds per-platform results into the check, naming every
// platform that failed or could not be checked.
func (r *run) summarise(details []Detail) Check {
	c := Check{Name: CheckRevisionLabel, Detail: details}
	var failed, errored, missing []string
	checked := 0
	for _, d := range details {
		switch {
		case d.Status == StatusFail:
			failed = append(failed, d.Subject+": "+d.Reason)
		case d.Status == StatusError:
			errored = append(errored, d.Subject+": "+d.Reason)
		case d.Status == StatusSkip && isLabelSkip(d.Reason):
			missing = append(missing, d.Subject+": "+d.Reason)
		case d.Status == StatusPass:
			checked++
		}
	}
	switch {
	case len(failed) > 0:
		c.Status, c.Reason = StatusFail, strings.Join(failed, "; ")
	case len(errored) > 0:
		c.Status, c.Reason = StatusError, strings.Join(errored, "; ")
	case len(missing) > 0:
		c.Status, c.Reason = StatusSkip, strings.Join(missing, "; ")
	case checked == 0 && r.v.cfg.platform != "":
		c.Status, c.Reason = StatusFail, "platform "+r.v.cfg.platform+" not in index"
	case checked == 0:
		c.Status, c.Reason = StatusFail, "index has no runnable platform"
	case !r.pinOK:
		c.Status, c.Reason = StatusSkip, "not compared: no valid pin"
	default:
		c.Status = StatusPass
		c.Reason = fmt.Sprintf("label %s=%s on %d platform%s", RevisionLabel, r.p.target.ExpectedCommit, checked, plural(checked))
	}
	return c
}

func isLabelSkip(reason string) bool { return reason == errNoLabel{}.Error() }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

package verify

// Status is the outcome of one check.
type Status string

// Check statuses. Error means the check could not run (network, registry,
// limits); fail means it ran and said no.
const (
	StatusPass  Status = "pass"
	StatusFail  Status = "fail"
	StatusSkip  Status = "skip"
	StatusError Status = "error"
)

// String returns the status as it appears in JSON and tables.
func (s Status) String() string { return string(s) }

// Verdict is the overall answer for one target.
type Verdict string

// Verdicts, from the --format json contract.
const (
	// VerdictVerified means every enforced check passed.
	VerdictVerified Verdict = "verified"
	// VerdictFailed means a trust check said no.
	VerdictFailed Verdict = "failed"
	// VerdictUndecided means a check could not run: network, timeout,
	// registry 5xx, truncated body or a limit exceeded.
	VerdictUndecided Verdict = "undecided"
	// VerdictNotEnforceable means the target is a publisher image whose pin or
	// signature cannot be enforced; it is never shown as verified.
	VerdictNotEnforceable Verdict = "not-enforceable"
)

// String returns the verdict as it appears in JSON and tables.
func (v Verdict) String() string { return string(v) }

// Check names, in the order they appear in Result.Checks.
const (
	CheckPin           = "pin"
	CheckDigest        = "digest"
	CheckRevisionLabel = "revision-label"
	CheckSignature     = "signature"
	CheckTlog          = "tlog"
	// CheckProvenance is defined in provenance.go.
)

// Result is the answer for one Target. Its JSON form is the --format json
// contract: field names are stable snake_case.
type Result struct {
	// Target is the input, echoed so a list of results stands alone.
	Target Target `json:"target"`
	// Ref is the resolved repo@sha256:... to run; empty when no digest was
	// resolved.
	Ref string `json:"ref"`
	// Digest is the manifest digest every check was made against.
	Digest string `json:"digest"`
	// TagDigest is the tag's current digest when the digest came from the
	// catalog or the Ref; empty otherwise.
	TagDigest string `json:"tag_digest,omitempty"`
	// Moved is true when TagDigest differs from Digest.
	Moved bool `json:"moved"`
	// Checks are the checks in order: pin, digest, revision-label,
	// signature, tlog, provenance.
	Checks []Check `json:"checks"`
	// Verdict is derived from Checks by one rule (see verdictOf).
	Verdict Verdict `json:"verdict"`
	// CustomKey is true when a key other than Docker's MCP key was used.
	CustomKey bool `json:"custom_key"`
	// TlogSkipped is true when the transparency log check was skipped on
	// request (--insecure-ignore-tlog).
	TlogSkipped bool `json:"tlog_skipped"`
	// Facts are for a lock file (facts.go); not in the JSON contract.
	Facts Facts `json:"-"`
}

// Check is one named check and its outcome.
type Check struct {
	// Name is one of CheckPin, CheckDigest, CheckRevisionLabel,
	// CheckSignature, CheckTlog.
	Name   string `json:"name"`
	Status Status `json:"status"`
	// Reason says why, in one line, for pass and skip as well as fail.
	Reason string `json:"reason"`
	// Detail breaks the check down per platform or per signature.
	Detail []Detail `json:"detail,omitempty"`
}

// Detail is one part of a check, such as one platform of an index or one
// signature layer.
type Detail struct {
	// Subject names the part: a platform like linux/arm64, or "signature 2".
	Subject string `json:"subject"`
	// Digest is the manifest digest of the part, when it has one.
	Digest string `json:"digest,omitempty"`
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// Check returns the check with the given name, or nil.
func (r *Result) Check(name string) *Check {
	for i := range r.Checks {
		if r.Checks[i].Name == name {
			return &r.Checks[i]
		}
	}
	return nil
}

// verdictOf derives the verdict: any fail wins over any error, an error
// means undecided, and a skipped check other than an explicitly ignored tlog
// or the provenance check means the target was not enforceable.
func verdictOf(checks []Check, tlogSkipped bool) Verdict {
	verdict := VerdictVerified
	for _, c := range checks {
		switch {
		case c.Status == StatusFail:
			return VerdictFailed
		case c.Status == StatusError:
			verdict = VerdictUndecided
		case c.Status == StatusSkip && verdict == VerdictVerified:
			// A skipped provenance check is news, not a verdict: under
			// --require-provenance it arrives as a fail instead.
			if !(c.Name == CheckTlog && tlogSkipped) && c.Name != CheckProvenance {
				verdict = VerdictNotEnforceable
			}
		}
	}
	return verdict
}

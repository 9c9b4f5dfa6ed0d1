package sarifout

import (
	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mcp-trust/mcp-trust/verify"
)

// verifyChecks describes the checks of verify, as rules.
var verifyChecks = map[string]string{
	verify.CheckPin:           "The catalog pins the image to a git commit (and a digest, when it names one)",
	verify.CheckDigest:        "The tag is resolved once to a manifest digest, and every later check uses that digest",
	verify.CheckRevisionLabel: "The image's org.opencontainers.image.revision label equals the pinned commit on every platform",
	verify.CheckSignature:     "A cosign signature under Docker's MCP key signs exactly this digest, names the same repository and carries the same revision",
	verify.CheckTlog:          "The signature's Rekor transparency-log bundle verifies offline",
	verify.CheckProvenance:    "The BuildKit SLSA provenance attested in the signed index names the catalog's repository at the pinned commit",
}

// Verify builds the log of a verify run: one result per check that failed
// (an error) or could not run (a warning: the target is undecided), and
// for a target that is not enforceable, one per skipped check (a warning).
// Results name the target as a logical location (the image), since a
// check is about an image, not a line of a file.
func Verify(results []*verify.Result, version string) (*sarif.Report, error) {
	log, run, err := newLog("verify", version)
	if err != nil {
		return nil, err
	}
	run.AddInvocation(true)
	for _, res := range results {
		for _, c := range res.Checks {
			level, word := checkLevel(res, c)
			if level == "" {
				continue
			}
			idx := addRule(run, c.Name, verifyChecks[c.Name], nil)
			r := newResult(run, idx, level, targetName(res.Target)+": "+c.Name+" "+word+": "+c.Reason)
			r.AddLocation(logicalLocation(targetName(res.Target), res.Target.Ref, "image"))
			r.Properties = sarif.Properties{"status": string(c.Status), "verdict": string(res.Verdict),
				"ref": res.Target.Ref}
			if res.Digest != "" {
				r.Properties["digest"] = res.Digest
			}
		}
	}
	return log, nil
}

// checkLevel says whether a check is a result, at which level, and in
// which word: failed, could not decide, or not enforceable.
func checkLevel(res *verify.Result, c verify.Check) (level, word string) {
	switch {
	case c.Status == verify.StatusFail:
		return LevelError, "failed"
	case c.Status == verify.StatusError:
		return LevelWarning, "could not decide"
	case c.Status == verify.StatusSkip && res.Verdict == verify.VerdictNotEnforceable && c.Name != verify.CheckProvenance:
		// A provenance skip never decides a verdict, so it is not why a
		// target is not enforceable.
		return LevelWarning, "not enforceable"
	}
	return "", ""
}

func targetName(t verify.Target) string {
	if t.Name != "" {
		return t.Name
	}
	return t.Ref
}

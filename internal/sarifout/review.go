package sarifout

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// VerdictRule is the rule id of a review's verdict result.
const VerdictRule = "review-verdict"

// securitySeverity is the CVSS-like score GitHub code scanning reads from a
// rule's "security-severity" property to rank security alerts.
var securitySeverity = map[risk.Level]string{
	risk.Critical: "9.5", risk.High: "8.0", risk.Medium: "5.5",
	risk.Low: "3.0", risk.Info: "0.0",
}

// RiskLevel maps a pre-scan severity to a SARIF level: critical and high
// are errors, medium a warning, low and info notes.
func RiskLevel(r risk.Level) string {
	switch {
	case r >= risk.High:
		return LevelError
	case r == risk.Medium:
		return LevelWarning
	}
	return LevelNote
}

// conclusionLevel maps the check conclusion to the verdict's level, so the
// SARIF and the check run agree: failure an error, neutral a warning.
func conclusionLevel(c string) string {
	switch c {
	case "success":
		return LevelNote
	case "neutral":
		return LevelWarning
	}
	return LevelError
}

// Review builds the log of a review: one result per pre-scan finding (at
// its file and line) and one for the verdict. A failed review is a run
// whose invocation did not succeed, and its verdict an error.
func Review(res *reviewer.Result, version string) (*sarif.Report, error) {
	log, run, err := newLog("review", version)
	if err != nil {
		return nil, err
	}
	run.Properties = sarif.Properties{"repo": res.Repo, "head": res.Head, "agent": string(res.Agent)}
	if res.Base != "" {
		run.Properties["base"] = res.Base
	}
	if u, err := url.Parse(res.Repo); err == nil && u.Scheme == "https" && u.Host != "" {
		run.AddVersionControlProvenance(sarif.NewVersionControlDetails().WithRepositoryURI(res.Repo).WithRevisionID(res.Head))
	}
	run.AddInvocation(!res.Verdict.Failed)
	if res.Prescan != nil {
		addFindings(run, res.Prescan)
	}
	addVerdict(run, res)
	return log, nil
}

func addFindings(run *sarif.Run, scan *prescan.ScanResult) {
	docs := map[string]string{}
	for _, r := range prescan.DefaultRules() {
		docs[r.ID] = r.Description
	}
	worst := map[int]risk.Level{} // rule index -> its worst finding
	for _, f := range scan.Findings {
		idx := addRule(run, f.Rule, docs[f.Rule], nil)
		worst[idx] = max(worst[idx], f.Severity)
		msg := f.Message
		if msg == "" {
			msg = f.Rule
		}
		res := newResult(run, idx, RiskLevel(f.Severity), msg)
		res.Properties = sarif.Properties{"severity": f.Severity.String()}
		if f.File != "" {
			res.AddLocation(fileLocation(f.File, f.Line, f.Excerpt))
		}
	}
	for idx, risk := range worst { // a rule ranks as its worst finding in this review
		run.Tool.Driver.Rules[idx].WithProperties(sarif.Properties{
			"security-severity": securitySeverity[risk], "tags": []string{"security", "pre-scan"},
		})
	}
	run.Properties["prescan_mode"] = string(scan.Mode)
	run.Properties["prescan_files"] = scan.Files
	run.Properties["prescan_omitted"] = scan.Omitted
}

func addVerdict(run *sarif.Run, res *reviewer.Result) {
	v := res.Verdict
	idx := addRule(run, VerdictRule, "The review's verdict: the worse of the AI agent and the pre-scan; a failed review is never a pass", nil)
	msg := fmt.Sprintf("review %s: final risk %s (agent %s, pre-scan %s), check conclusion %s",
		v.Status(), v.Risk, v.AgentRisk, v.PrescanRisk, v.Conclusion())
	if len(v.Reasons) > 0 {
		msg += ": " + strings.Join(v.Reasons, "; ")
	}
	r := newResult(run, idx, conclusionLevel(v.Conclusion()), msg)
	r.AddLocation(logicalLocation(res.Repo+"@"+res.Head, res.Repo, "repository"))
	r.Properties = sarif.Properties{
		"status": v.Status(), "risk": v.Risk.String(), "agent_risk": v.AgentRisk.String(),
		"prescan_risk": v.PrescanRisk.String(), "conclusion": v.Conclusion(), "pass": v.Pass(),
	}
}

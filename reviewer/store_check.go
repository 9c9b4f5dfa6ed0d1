package reviewer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// summaryField matches the fields of the final report's summary, as
// writeSummary writes them: "- **Final Risk:** high".
var summaryField = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^- \*\*(Status|Final Risk|Blocked):\*\* (.*)$`) }) // compiled on first use (issue 11)

// Section headings of the final report (FinalReport).
var (
	prescanHeading = []byte("\n## Pre-scan\n")
	agentHeading   = []byte("\n## Agent report\n")
)

// storedClaims is what a stored review's own files say, apart from
// meta.json. A field the files do not state is left unset.
type storedClaims struct {
	labels    *Labels
	status    string
	final     *risk.Level
	failed    bool // the Final Risk line says the review failed
	blocked   *bool
	agentRisk risk.Level // the worst Overall Risk Level in the agent's report
}

// crossCheck re-reads the review's own records against meta.json (issue:
// a store whose metadata says "info" while labels.txt says critical must
// not pass): labels.txt's risk and security-blocked, the summary's Status,
// Final Risk and Blocked lines, and every Overall Risk Level in the
// agent's report. The worst statement wins: the verdict is raised to it,
// never lowered, marked Inconsistent, and each disagreement is kept in
// Disagreements and in the verdict's reasons. A line the report does not
// have is not a disagreement (this is a consistency check, not a seal:
// someone who can write the store can rewrite all three files alike).
func (r *StoredReview) crossCheck() error {
	c, err := readClaims(r.Report, r.Labels, r.Meta.Verdict.Failed)
	if err != nil {
		return err
	}
	v := &r.Meta.Verdict
	diffs := c.disagreements(*v)
	if len(diffs) > 0 {
		v.worsen(c)
		for _, d := range diffs {
			v.Reasons = append(v.Reasons, "stored review disagrees with itself: "+d+"; the worse counts")
		}
	}
	r.Disagreements = diffs
	return nil
}

// disagreements lists each claim that contradicts the verdict v.
func (c storedClaims) disagreements(v Verdict) []string {
	diffs := []string{}
	disagree := func(format string, args ...any) {
		diffs = append(diffs, fmt.Sprintf(format, args...))
	}
	if c.labels != nil {
		if want := max(v.Risk, risk.Info); c.labels.Risk != want {
			disagree("labels.txt says security-risk:%s, metadata says %s", c.labels.Risk, v.Risk)
		}
		if c.labels.Blocked != v.Blocked {
			disagree("labels.txt blocked=%t, metadata blocked=%t", c.labels.Blocked, v.Blocked)
		}
	}
	if c.final != nil && *c.final != v.Risk {
		disagree("report.md Final Risk is %s, metadata says %s", *c.final, v.Risk)
	}
	if c.failed && !v.Failed {
		disagree("report.md says the review failed, metadata says it did not")
	}
	if c.status != "" && c.status != v.Status() {
		disagree("report.md Status is %s, metadata says %s", visible(c.status), v.Status())
	}
	if c.blocked != nil && *c.blocked != v.Blocked {
		disagree("report.md Blocked is %t, metadata blocked=%t", *c.blocked, v.Blocked)
	}
	if c.agentRisk > v.AgentRisk {
		disagree("report.md Overall Risk Level is %s, metadata agent risk is %s", c.agentRisk, v.AgentRisk)
	}
	return diffs
}

// worsen raises v to the worst of what the files claim.
func (v *Verdict) worsen(c storedClaims) {
	v.Inconsistent = true
	if c.labels != nil {
		v.Risk, v.Blocked = max(v.Risk, c.labels.Risk), v.Blocked || c.labels.Blocked
	}
	if c.final != nil {
		v.Risk = max(v.Risk, *c.final)
	}
	if c.blocked != nil && *c.blocked {
		v.Blocked = true
	}
	v.AgentRisk = max(v.AgentRisk, c.agentRisk)
	v.Risk = max(v.Risk, v.AgentRisk)
	switch c.status {
	case StatusReviewFailed:
		v.Failed = true
	case StatusBlocked:
		v.Blocked = true
	case StatusNeedsHuman:
		v.NeedsHuman = true
	}
	v.Failed = v.Failed || c.failed
}

// readClaims parses what labels.txt and report.md state. The summary is
// the part of report.md before "## Pre-scan"; the agent's report is the
// part after "## Agent report". A summary value that is not one the tool
// writes is an error: the file was not written by the tool as is.
func readClaims(report, labels []byte, failed bool) (storedClaims, error) {
	var c storedClaims
	if labels != nil {
		l, err := ParseLabels(labels)
		if err != nil {
			return c, err
		}
		c.labels = &l
	}
	summary, _, _ := bytes.Cut(report, prescanHeading)
	for _, m := range summaryField().FindAllSubmatch(summary, -1) {
		if err := c.summaryValue(string(m[1]), strings.TrimSpace(string(m[2]))); err != nil {
			return c, fmt.Errorf("reading stored report.md: %w", err)
		}
	}
	if _, agent, ok := bytes.Cut(report, agentHeading); ok && !failed {
		for _, m := range reportField().FindAllSubmatch(agent, -1) {
			if !strings.EqualFold(string(m[1]), "overall risk level") {
				continue
			}
			risk, err := parseRiskValue(strings.TrimSpace(string(m[2])))
			if err != nil {
				return c, fmt.Errorf("reading stored report.md: Overall Risk Level %q: %w", visible(string(m[2])), err)
			}
			c.agentRisk = max(c.agentRisk, risk)
		}
	}
	return c, nil
}

func (c *storedClaims) summaryValue(name, value string) error {
	switch name {
	case "Status":
		switch value {
		case StatusReviewFailed, StatusBlocked, StatusNeedsHuman, StatusReviewed:
			c.status = value
			return nil
		}
	case "Final Risk":
		if strings.HasPrefix(value, "unknown") {
			c.failed = true
			return nil
		}
		var risk risk.Level
		if err := risk.UnmarshalText([]byte(value)); err == nil {
			c.final = &risk
			return nil
		}
	case "Blocked":
		if value == "yes" || value == "no" {
			b := value == "yes"
			c.blocked = &b
			return nil
		}
	}
	return fmt.Errorf("summary field %s: unexpected value %q", name, visible(value))
}

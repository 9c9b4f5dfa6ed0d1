package reviewer

import (
	"errors"
	"fmt"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// Verdict is the outcome of a review. Risk is max(agent, pre-scan). The
// command maps it to an exit code with Pass: 0 when Pass is true (final risk
// info or low, or nothing found by a pre-scan-only review), 1 otherwise
// (medium and above, blocked, review failed, needs human review).
type Verdict struct {
	// Risk is the final risk. When Failed, it is only the pre-scan's and
	// says nothing about the code: check Failed first.
	Risk        risk.Level `json:"risk"`
	AgentRisk   risk.Level `json:"agent_risk"`
	PrescanRisk risk.Level `json:"prescan_risk"`
	// Blocked is the agent's security-blocked label.
	Blocked bool `json:"blocked"`
	// NeedsHuman is set when the pre-scan found high or critical risk and
	// the agent said low or info (it may have been talked out of it).
	NeedsHuman bool `json:"needs_human"`
	// Failed means there is no usable agent review: timeout, refusal,
	// non-zero exit, missing, invalid or stale outputs. Never "no risk".
	Failed bool `json:"failed"`
	// Stale means the report is about another commit (THREATS D3).
	Stale bool `json:"stale,omitempty"`
	// Inconsistent means labels.txt and the report's Overall Risk Level
	// disagree; the higher one counts (THREATS D2).
	Inconsistent bool `json:"inconsistent,omitempty"`
	// Reasons explain every flag above. They may quote agent output: treat
	// them as untrusted text.
	Reasons []string `json:"reasons"`
}

// Review statuses, from worst to best.
const (
	StatusReviewFailed = "review-failed"
	StatusBlocked      = "blocked"
	StatusNeedsHuman   = "needs-human-review"
	StatusReviewed     = "reviewed"
)

// Status names the verdict in one word, worst condition first.
func (v Verdict) Status() string {
	switch {
	case v.Failed:
		return StatusReviewFailed
	case v.Blocked:
		return StatusBlocked
	case v.NeedsHuman:
		return StatusNeedsHuman
	}
	return StatusReviewed
}

// Pass reports whether the review lets the change through: no failure, not
// blocked, no human needed, and a final risk of low or less.
func (v Verdict) Pass() bool {
	return !v.Failed && !v.Blocked && !v.NeedsHuman && v.Risk <= risk.Low
}

// Conclusion is the check-run conclusion (SPEC "Reviews", the registry's
// mapping): failure for a failed, blocked, critical review or one that
// needs a human (the pre-scan saw high or worse and the agent said low: it
// may have been talked out of it, so the check must not read as settled);
// neutral for high or medium; success for low and info.
func (v Verdict) Conclusion() string {
	switch {
	case v.Failed || v.Blocked || v.NeedsHuman || v.Risk >= risk.Critical:
		return "failure"
	case v.Risk >= risk.Medium:
		return "neutral"
	}
	return "success"
}

// Labels returns the labels.txt to write for the verdict, and false for a
// failed review, which has none: an absent labels.txt reads as "review
// failed" everywhere, whereas any risk label would read as a result.
func (v Verdict) Labels() (Labels, bool) {
	if v.Failed {
		return Labels{}, false
	}
	return Labels{Risk: v.Risk, Blocked: v.Blocked}, true
}

// AgentRun is how the agent's run ended, as the runner saw it, and what
// Extract took from its output directory.
type AgentRun struct {
	ExitCode int
	TimedOut bool
	// Refused is set by the runner when the agent declined the task.
	Refused bool
	// Err is a failure of the run itself (engine, compose).
	Err error
	// Outputs is nil when extraction failed; ExtractErr says why.
	Outputs    *Outputs
	ExtractErr error
}

// Review is everything Decide weighs.
type Review struct {
	// Head and Base are the commits under review; Base is empty in full mode.
	Head, Base string
	// Prescan is required: a review without one has failed.
	Prescan *prescan.ScanResult
	// Agent is nil for a pre-scan-only review (--agent prescan).
	Agent *AgentRun
}

// Decide combines the pre-scan with the agent's outputs, failing closed:
// final = max(agent, pre-scan); pre-scan >= high with agent <= low needs a
// human; any doubt about the agent's run or outputs fails the review.
func Decide(in Review) Verdict {
	v := Verdict{Reasons: []string{}}
	if in.Prescan == nil {
		v.fail("pre-scan did not run")
	} else {
		v.PrescanRisk = in.Prescan.Max
	}
	v.Risk = v.PrescanRisk
	if in.Agent == nil {
		v.Reasons = append(v.Reasons, "pre-scan only: no agent review")
		return v
	}
	labels, report, ok := v.judgeAgent(in)
	if !ok {
		return v
	}
	v.AgentRisk = max(labels.Risk, report.Risk)
	if labels.Risk != report.Risk || len(distinct(report.Levels)) > 1 {
		v.Inconsistent = true
		v.Reasons = append(v.Reasons, fmt.Sprintf("inconsistent: labels.txt says %s, report.md says %s; using %s",
			labels.Risk, report.Risk, v.AgentRisk))
	}
	v.Blocked = labels.Blocked
	v.Risk = max(v.AgentRisk, v.PrescanRisk)
	if v.PrescanRisk >= risk.High && v.AgentRisk <= risk.Low {
		v.NeedsHuman = true
		v.Reasons = append(v.Reasons, fmt.Sprintf("needs human review: pre-scan found %s risk, the agent reported %s",
			v.PrescanRisk, v.AgentRisk))
	}
	return v
}

func (v *Verdict) fail(format string, args ...any) {
	v.Failed = true
	v.Reasons = append(v.Reasons, "review failed: "+fmt.Sprintf(format, args...))
}

// judgeAgent records every reason the agent's review cannot be used, and
// returns its parsed outputs when there is none.
func (v *Verdict) judgeAgent(in Review) (Labels, *Report, bool) {
	a := in.Agent
	if a.Err != nil {
		v.fail("agent run: %v", a.Err)
	}
	if a.TimedOut {
		v.fail("agent timed out")
	}
	if a.Refused {
		v.fail("agent refused the review")
	}
	if a.ExitCode != 0 {
		v.fail("agent exited with status %d", a.ExitCode)
	}
	if a.ExtractErr != nil || a.Outputs == nil {
		v.fail("taking agent outputs: %v", cmpErr(a.ExtractErr, errors.New("no outputs")))
		return Labels{}, nil, false
	}
	labels, err := ParseLabels(a.Outputs.Labels)
	if err != nil {
		v.fail("labels.txt: %v", err)
	}
	report, err := ParseReport(a.Outputs.Report)
	if err != nil {
		v.fail("report.md: %v", err)
	} else if err := CheckHead(report, in.Head, in.Base); err != nil {
		v.Stale = true
		v.fail("report.md: %v", err)
	}
	return labels, report, !v.Failed
}

func cmpErr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

func distinct(rs []risk.Level) map[risk.Level]bool {
	m := map[risk.Level]bool{}
	for _, r := range rs {
		m[r] = true
	}
	return m
}

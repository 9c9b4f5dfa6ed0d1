package reviewer

import (
	"errors"
	"fmt"
	"testing"
)

func agentOK(labels, riskLevel string) *AgentRun {
	report := fmt.Sprintf("# Security Review Report\n- **Head Commit:** %s\n- **Base Commit:** %s\n- **Overall Risk Level:** %s\n",
		testHead, testBase, riskLevel)
	return &AgentRun{Outputs: &Outputs{Report: []byte(report), Labels: []byte(labels)}}
}

func scanAt(r Risk) *ScanResult {
	return &ScanResult{Mode: ModeDifferential, Max: r, Findings: []Finding{}}
}

func TestDecide(t *testing.T) {
	type want struct {
		risk                                     Risk
		status, conclusion                       string
		pass, human, failed, stale, inconsistent bool
	}
	timeout := agentOK("security-risk:info\n", "INFO")
	timeout.TimedOut = true
	refused := agentOK("security-risk:info\n", "INFO")
	refused.Refused = true
	exit1 := agentOK("security-risk:info\n", "INFO")
	exit1.ExitCode = 1
	runErr := agentOK("security-risk:info\n", "INFO")
	runErr.Err = errors.New("compose up: engine unreachable")
	staleRun := agentOK("security-risk:info\n", "INFO")
	staleRun.Outputs.Report = []byte("Overall Risk Level: INFO\nHead Commit: " + testBase + "\n")
	tests := []struct {
		name    string
		prescan *ScanResult
		agent   *AgentRun
		want    want
	}{
		{"clean", scanAt(RiskNone), agentOK("security-risk:info\n", "INFO"), want{risk: RiskInfo, status: StatusReviewed, conclusion: "success", pass: true}},
		{"low both", scanAt(RiskLow), agentOK("security-risk:low\n", "LOW"), want{risk: RiskLow, status: StatusReviewed, conclusion: "success", pass: true}},
		{"prescan high, agent info", scanAt(RiskHigh), agentOK("security-risk:info\n", "INFO"), want{risk: RiskHigh, status: StatusNeedsHuman, conclusion: "failure", human: true}},
		{"prescan critical, agent low", scanAt(RiskCritical), agentOK("security-risk:low\n", "LOW"), want{risk: RiskCritical, status: StatusNeedsHuman, conclusion: "failure", human: true}},
		{"prescan high, agent medium", scanAt(RiskHigh), agentOK("security-risk:medium\n", "MEDIUM"), want{risk: RiskHigh, status: StatusReviewed, conclusion: "neutral"}},
		{"prescan medium, agent low", scanAt(RiskMedium), agentOK("security-risk:low\n", "LOW"), want{risk: RiskMedium, status: StatusReviewed, conclusion: "neutral"}},
		{"labels info, report critical", scanAt(RiskNone), agentOK("security-risk:info\n", "CRITICAL"), want{risk: RiskCritical, status: StatusReviewed, conclusion: "failure", inconsistent: true}},
		{"blocked", scanAt(RiskNone), agentOK("security-risk:high\nsecurity-blocked\n", "HIGH"), want{risk: RiskHigh, status: StatusBlocked, conclusion: "failure"}},
		// security-blocked alone decides: a low or info risk does not let a
		// blocked review through (issue 16 item 3).
		{"low + blocked", scanAt(RiskNone), agentOK("security-risk:low\nsecurity-blocked\n", "LOW"), want{risk: RiskLow, status: StatusBlocked, conclusion: "failure"}},
		{"info + blocked", scanAt(RiskNone), agentOK("security-blocked\nsecurity-risk:info\n", "INFO"), want{risk: RiskInfo, status: StatusBlocked, conclusion: "failure"}},
		{"timeout", scanAt(RiskNone), timeout, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"refusal", scanAt(RiskNone), refused, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"non-zero exit", scanAt(RiskNone), exit1, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"run error", scanAt(RiskNone), runErr, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"exit 0 without files", scanAt(RiskNone), &AgentRun{ExtractErr: &ExtractError{Name: ReportFile, Err: errors.New("missing")}}, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"no outputs", scanAt(RiskNone), &AgentRun{}, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"invalid labels", scanAt(RiskNone), agentOK("lgtm\n", "INFO"), want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"empty labels", scanAt(RiskNone), agentOK("", "INFO"), want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"malformed report", scanAt(RiskNone), agentOK("security-risk:info\n", "[CRITICAL/HIGH/MEDIUM/LOW/INFO]"), want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"stale report", scanAt(RiskNone), staleRun, want{status: StatusReviewFailed, conclusion: "failure", failed: true, stale: true}},
		{"failed keeps prescan risk", scanAt(RiskHigh), exit1, want{risk: RiskHigh, status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"no prescan", nil, agentOK("security-risk:info\n", "INFO"), want{risk: RiskNone, status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"prescan only, nothing found", scanAt(RiskNone), nil, want{risk: RiskNone, status: StatusReviewed, conclusion: "success", pass: true}},
		{"prescan only, medium", scanAt(RiskMedium), nil, want{risk: RiskMedium, status: StatusReviewed, conclusion: "neutral"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Decide(Review{Head: testHead, Base: testBase, Prescan: tt.prescan, Agent: tt.agent})
			got := want{risk: v.Risk, status: v.Status(), conclusion: v.Conclusion(), pass: v.Pass(),
				human: v.NeedsHuman, failed: v.Failed, stale: v.Stale, inconsistent: v.Inconsistent}
			if got != tt.want {
				t.Errorf("Decide(%s) = %+v (reasons %q), want %+v", tt.name, got, v.Reasons, tt.want)
			}
			if _, ok := v.Labels(); ok == v.Failed {
				t.Errorf("Decide(%s).Labels() ok = %v, want %v", tt.name, ok, !v.Failed)
			}
			if (v.Failed || v.NeedsHuman || v.Stale || v.Inconsistent) && len(v.Reasons) == 0 {
				t.Errorf("Decide(%s) flagged with no reason", tt.name)
			}
		})
	}
}

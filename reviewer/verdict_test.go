package reviewer

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

func agentOK(labels, riskLevel string) *AgentRun {
	report := fmt.Sprintf("# Security Review Report\n- **Head Commit:** %s\n- **Base Commit:** %s\n- **Overall Risk Level:** %s\n",
		testHead, testBase, riskLevel)
	return &AgentRun{Outputs: &Outputs{Report: []byte(report), Labels: []byte(labels)}}
}

func scanAt(r risk.Level) *prescan.ScanResult {
	return &prescan.ScanResult{Mode: prescan.ModeDifferential, Max: r, Findings: []prescan.Finding{}}
}

func TestDecide(t *testing.T) {
	type want struct {
		risk                                     risk.Level
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
		prescan *prescan.ScanResult
		agent   *AgentRun
		want    want
	}{
		{"clean", scanAt(risk.None), agentOK("security-risk:info\n", "INFO"), want{risk: risk.Info, status: StatusReviewed, conclusion: "success", pass: true}},
		{"low both", scanAt(risk.Low), agentOK("security-risk:low\n", "LOW"), want{risk: risk.Low, status: StatusReviewed, conclusion: "success", pass: true}},
		{"prescan high, agent info", scanAt(risk.High), agentOK("security-risk:info\n", "INFO"), want{risk: risk.High, status: StatusNeedsHuman, conclusion: "failure", human: true}},
		{"prescan critical, agent low", scanAt(risk.Critical), agentOK("security-risk:low\n", "LOW"), want{risk: risk.Critical, status: StatusNeedsHuman, conclusion: "failure", human: true}},
		{"prescan high, agent medium", scanAt(risk.High), agentOK("security-risk:medium\n", "MEDIUM"), want{risk: risk.High, status: StatusReviewed, conclusion: "neutral"}},
		{"prescan medium, agent low", scanAt(risk.Medium), agentOK("security-risk:low\n", "LOW"), want{risk: risk.Medium, status: StatusReviewed, conclusion: "neutral"}},
		{"labels info, report critical", scanAt(risk.None), agentOK("security-risk:info\n", "CRITICAL"), want{risk: risk.Critical, status: StatusReviewed, conclusion: "failure", inconsistent: true}},
		{"blocked", scanAt(risk.None), agentOK("security-risk:high\nsecurity-blocked\n", "HIGH"), want{risk: risk.High, status: StatusBlocked, conclusion: "failure"}},
		// security-blocked alone decides: a low or info risk does not let a
		// blocked review through (issue 16 item 3).
		{"low + blocked", scanAt(risk.None), agentOK("security-risk:low\nsecurity-blocked\n", "LOW"), want{risk: risk.Low, status: StatusBlocked, conclusion: "failure"}},
		{"info + blocked", scanAt(risk.None), agentOK("security-blocked\nsecurity-risk:info\n", "INFO"), want{risk: risk.Info, status: StatusBlocked, conclusion: "failure"}},
		{"timeout", scanAt(risk.None), timeout, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"refusal", scanAt(risk.None), refused, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"non-zero exit", scanAt(risk.None), exit1, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"run error", scanAt(risk.None), runErr, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"exit 0 without files", scanAt(risk.None), &AgentRun{ExtractErr: &ExtractError{Name: ReportFile, Err: errors.New("missing")}}, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"no outputs", scanAt(risk.None), &AgentRun{}, want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"invalid labels", scanAt(risk.None), agentOK("lgtm\n", "INFO"), want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"empty labels", scanAt(risk.None), agentOK("", "INFO"), want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"malformed report", scanAt(risk.None), agentOK("security-risk:info\n", "[CRITICAL/HIGH/MEDIUM/LOW/INFO]"), want{status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"stale report", scanAt(risk.None), staleRun, want{status: StatusReviewFailed, conclusion: "failure", failed: true, stale: true}},
		{"failed keeps prescan risk", scanAt(risk.High), exit1, want{risk: risk.High, status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"no prescan", nil, agentOK("security-risk:info\n", "INFO"), want{risk: risk.None, status: StatusReviewFailed, conclusion: "failure", failed: true}},
		{"prescan only, nothing found", scanAt(risk.None), nil, want{risk: risk.None, status: StatusReviewed, conclusion: "success", pass: true}},
		{"prescan only, medium", scanAt(risk.Medium), nil, want{risk: risk.Medium, status: StatusReviewed, conclusion: "neutral"}},
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

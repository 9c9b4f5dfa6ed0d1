package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// blockedRun is a reviewer run whose agent said risk and security-blocked;
// the verdict is the real reviewer.Decide.
func blockedRun(risk string) func(context.Context, reviewer.Request, ...reviewer.RunOption) (*reviewer.Result, error) {
	return func(_ context.Context, req reviewer.Request, _ ...reviewer.RunOption) (*reviewer.Result, error) {
		report := fmt.Sprintf("- **Head Commit:** %s\n- **Overall Risk Level:** %s\n", req.Source.Head, risk)
		prescan := &prescan.ScanResult{Mode: prescan.ModeFull, Findings: []prescan.Finding{}}
		agent := &reviewer.AgentRun{Outputs: &reviewer.Outputs{Report: []byte(report),
			Labels: []byte("security-risk:" + risk + "\nsecurity-blocked\n")}}
		v := reviewer.Decide(reviewer.Review{Head: req.Source.Head, Prescan: prescan, Agent: agent})
		return &reviewer.Result{Repo: req.Source.Repo, Head: req.Source.Head, Agent: req.Agent, Verdict: v, Prescan: prescan, Warnings: []string{}}, nil
	}
}

// security-blocked decides on its own: low + blocked and info + blocked
// fail with conclusion failure and exit 1, through review and report
// (issue 16 item 3).
func TestBlockedLowRiskFails(t *testing.T) {
	for _, risk := range []string{"low", "info"} {
		t.Run(risk, func(t *testing.T) {
			f, out, _ := testFactory(t, false)
			opts := &ReviewOptions{IO: f.IO, Reports: f.Reports, Getenv: func(string) string { return "sk-test" },
				Now: f.Now, Run: blockedRun(risk), Target: "./repo", Head: notesPin, Agent: reviewer.AgentClaude,
				Output: t.TempDir(), Timeout: reviewer.DefaultTimeout}
			var ferr error
			if opts.Format, ferr = ParseFormat("json"); ferr != nil {
				t.Fatal(ferr)
			}
			err := reviewRun(context.Background(), opts)
			var res reviewer.Result
			if jerr := json.Unmarshal(out.Bytes(), &res); jerr != nil {
				t.Fatalf("review --format json: %v\n%s", jerr, out)
			}
			if ExitCode(err) != ExitTrust || res.Verdict.Pass() || !res.Verdict.Blocked || res.Verdict.Conclusion() != "failure" ||
				res.Verdict.Risk.String() != risk {
				t.Errorf("review, %s + blocked: exit %d, verdict %+v (conclusion %s); want exit 1, blocked, failure",
					risk, ExitCode(err), res.Verdict, res.Verdict.Conclusion())
			}

			saveReview(t, f, res.Verdict, "# blocked\n")
			r := runReport(t, f, "notes-demo", "--commit", notesPin)
			if ExitCode(r.err) != ExitTrust {
				t.Errorf("report of a %s + blocked review: exit %d (%v), want %d", risk, ExitCode(r.err), r.err, ExitTrust)
			}
		})
	}
}

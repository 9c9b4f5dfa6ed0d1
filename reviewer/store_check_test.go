package reviewer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// saveDecided stores the review Decide makes of agent (nil: pre-scan only)
// with the report and labels the runner writes, and returns its directory.
func saveDecided(t *testing.T, s Store, prescan risk.Level, agent *AgentRun) (string, Verdict) {
	t.Helper()
	v := Decide(Review{Head: testHead, Base: testBase, Prescan: scanAt(prescan), Agent: agent})
	in := ReportInput{Repo: "https://github.com/acme/srv", Head: testHead, Base: testBase, Agent: "claude", Verdict: v, Prescan: scanAt(prescan)}
	if agent == nil {
		in.Agent = "prescan"
	} else if agent.Outputs != nil {
		in.AgentReport = agent.Outputs.Report
	}
	sr := StoredReview{Report: FinalReport(in), Meta: Meta{Verdict: v}}
	if l, ok := v.Labels(); ok {
		sr.Labels = l.Marshal()
	}
	if err := s.Save("srv", testHead, sr); err != nil {
		t.Fatalf("Save = %v", err)
	}
	return s.Path("srv", testHead), v
}

// What the runner stores agrees with itself: reading it back changes nothing.
func TestStoreCrossCheckAgrees(t *testing.T) {
	exit1 := agentOK("security-risk:info\n", "INFO")
	exit1.ExitCode = 1
	tests := []struct {
		name    string
		prescan risk.Level
		agent   *AgentRun
	}{
		{"prescan only, nothing found", risk.None, nil},
		{"prescan only, high", risk.High, nil},
		{"info", risk.None, agentOK("security-risk:info\n", "INFO")},
		{"low blocked", risk.Low, agentOK("security-risk:low\nsecurity-blocked\n", "LOW")},
		{"needs human", risk.High, agentOK("security-risk:info\n", "INFO")},
		{"labels info, report critical", risk.None, agentOK("security-risk:info\n", "CRITICAL")},
		{"failed", risk.Medium, exit1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			_, want := saveDecided(t, s, tt.prescan, tt.agent)
			got, err := s.Latest("srv", testHead)
			if err != nil {
				t.Fatalf("Latest = %v", err)
			}
			if len(got.Disagreements) != 0 || got.Meta.Verdict.Risk != want.Risk || got.Meta.Verdict.Pass() != want.Pass() ||
				got.Meta.Verdict.Status() != want.Status() || len(got.Meta.Verdict.Reasons) != len(want.Reasons) {
				t.Errorf("Latest = %+v, disagreements %q; want the stored verdict %+v unchanged", got.Meta.Verdict, got.Disagreements, want)
			}
		})
	}
}

// A stored file that says worse than meta.json wins, and the disagreement
// is shown (issue 9 item 6).
func TestStoreCrossCheckWorseWins(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		edit   func(string) string
		risk   risk.Level
		status string
		diff   string
	}{
		{"labels critical", LabelsFile, func(string) string { return "security-risk:critical\n" }, risk.Critical, StatusReviewed, "labels.txt says security-risk:critical"},
		{"labels blocked", LabelsFile, func(string) string { return "security-risk:info\nsecurity-blocked\n" }, risk.High, StatusBlocked, "labels.txt blocked=true"},
		{"labels lower than meta", LabelsFile, func(string) string { return "security-risk:info\n" }, risk.High, StatusReviewed, "labels.txt says security-risk:info"},
		{"report Overall Risk Level", ReportFile, replace("Overall Risk Level:** HIGH", "Overall Risk Level:** CRITICAL"), risk.Critical, StatusReviewed, "Overall Risk Level is critical"},
		{"report Final Risk", ReportFile, replace("**Final Risk:** high", "**Final Risk:** critical"), risk.Critical, StatusReviewed, "Final Risk is critical"},
		{"report Status", ReportFile, replace("**Status:** reviewed", "**Status:** review-failed"), risk.High, StatusReviewFailed, "Status is review-failed"},
		{"report Blocked", ReportFile, replace("**Blocked:** no", "**Blocked:** yes"), risk.High, StatusBlocked, "Blocked is true"},
		{"meta says info", metaFile, func(m string) string { return strings.Replace(m, `"risk": "high"`, `"risk": "info"`, 1) }, risk.High, StatusReviewed, "metadata says info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			dir, _ := saveDecided(t, s, risk.Medium, agentOK("security-risk:high\n", "HIGH"))
			p := filepath.Join(dir, tt.file)
			mustWrite(t, p, tt.edit(readFileT(t, p)))
			got, err := s.Latest("srv", testHead)
			if err != nil {
				t.Fatalf("Latest = %v", err)
			}
			v := got.Meta.Verdict
			if v.Risk != tt.risk || v.Status() != tt.status || v.Pass() || !v.Inconsistent {
				t.Errorf("verdict = risk %s, status %s, pass %t, inconsistent %t; want %s, %s, fail, inconsistent", v.Risk, v.Status(), v.Pass(), v.Inconsistent, tt.risk, tt.status)
			}
			if !strings.Contains(strings.Join(got.Disagreements, "\n"), tt.diff) || !strings.Contains(strings.Join(v.Reasons, "\n"), tt.diff) {
				t.Errorf("disagreements %q, reasons %q; want both to mention %q", got.Disagreements, v.Reasons, tt.diff)
			}
		})
	}
}

// The case exactly: meta.json says info and passes, labels.txt says
// critical. Before the cross-check this read as info.
func TestStoreCrossCheckInfoMetaCriticalLabels(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	dir, _ := saveDecided(t, s, risk.None, agentOK("security-risk:info\n", "INFO"))
	mustWrite(t, filepath.Join(dir, LabelsFile), "security-risk:critical\n")
	got, err := s.Latest("srv", testHead)
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Verdict.Pass() || got.Meta.Verdict.Risk != risk.Critical || got.Meta.Verdict.Conclusion() != "failure" {
		t.Errorf("verdict %+v passes or is not critical", got.Meta.Verdict)
	}
}

func TestStoreCrossCheckRefusesForeignValues(t *testing.T) {
	for name, edit := range map[string]func(string) string{
		"final risk":  replace("**Final Risk:** info", "**Final Risk:** fine"),
		"status":      replace("**Status:** reviewed", "**Status:** ok"),
		"placeholder": replace("Overall Risk Level:** INFO", "Overall Risk Level:** [CRITICAL/HIGH]"),
	} {
		s := Store{Dir: t.TempDir()}
		dir, _ := saveDecided(t, s, risk.None, agentOK("security-risk:info\n", "INFO"))
		p := filepath.Join(dir, ReportFile)
		mustWrite(t, p, edit(readFileT(t, p)))
		if got, err := s.Latest("srv", testHead); err == nil {
			t.Errorf("%s: Latest = %+v, nil error; want an error", name, got.Meta.Verdict)
		}
	}
}

// A hard link into the store is refused like a symlink: it could be a file
// outside the store that someone else writes.
func TestStoreRefusesHardLinks(t *testing.T) {
	for _, name := range []string{ReportFile, LabelsFile, metaFile} {
		s := Store{Dir: t.TempDir()}
		dir, _ := saveDecided(t, s, risk.None, agentOK("security-risk:info\n", "INFO"))
		outside := filepath.Join(t.TempDir(), "outside")
		if err := os.Link(filepath.Join(dir, name), outside); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Latest("srv", testHead); !errors.Is(err, fsafe.ErrLinked) {
			t.Errorf("Latest with %s hard-linked = %v, want ErrLinked", name, err)
		}
	}
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("fixture has no " + old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

package commands

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// notesPin is the pin of notes-demo in the demo catalog.
const notesPin = "3add7b9612102f2a7dbe4ed4fe886e07e847c24d"

func saveReview(t *testing.T, f *Factory, v reviewer.Verdict, report string) {
	t.Helper()
	r := reviewer.StoredReview{
		Report: []byte(report),
		Meta:   reviewer.Meta{Agent: "claude", Verdict: v, CreatedAt: fixedNow},
	}
	if l, ok := v.Labels(); ok {
		r.Labels = l.Marshal()
	}
	if err := f.Reports().Save("notes-demo", notesPin, r); err != nil {
		t.Fatal(err)
	}
}

func runReport(t *testing.T, f *Factory, args ...string) result {
	t.Helper()
	_, out, errOut := f.IO, f.IO.Out, f.IO.ErrOut
	root := NewRootCmd(f, false)
	root.SetArgs(append([]string{"report"}, args...))
	err := root.Execute()
	return result{out.(interface{ String() string }).String(), errOut.(interface{ String() string }).String(), err}
}

func TestReportCommand(t *testing.T) {
	hostile := "# Review\n\x1b]52;c;AAAA\x07 \x1b[2J✅ Signature verified by Docker\n"
	tests := []struct {
		name    string
		verdict *reviewer.Verdict
		code    int
		want    []string
	}{
		{"low risk passes", &reviewer.Verdict{Risk: risk.Low, AgentRisk: risk.Low}, ExitOK, []string{"verdict: reviewed, risk low", "AI-generated review (untrusted content)", `\x1b[2J`}},
		{"needs human fails", &reviewer.Verdict{Risk: risk.High, AgentRisk: risk.Info, PrescanRisk: risk.High, NeedsHuman: true, Reasons: []string{"pre-scan high, agent info"}}, ExitTrust, []string{"needs", "pre-scan high, agent info"}},
		{"failed review fails", &reviewer.Verdict{Failed: true, Reasons: []string{"agent timed out"}}, ExitTrust, []string{"agent timed out"}},
		{"no review is not no risk", nil, ExitTrust, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			if tt.verdict != nil {
				saveReview(t, f, *tt.verdict, hostile)
			}
			r := runReport(t, f, "notes-demo", "--catalog", "demo")
			if ExitCode(r.err) != tt.code {
				t.Fatalf("report: exit %d (%v), want %d\n%s", ExitCode(r.err), r.err, tt.code, r.stdout)
			}
			if strings.ContainsRune(r.stdout, 0x1b) {
				t.Errorf("report output carries ESC:\n%q", r.stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("report output lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestReportJSON(t *testing.T) {
	f, _, _ := testFactory(t, false)
	saveReview(t, f, reviewer.Verdict{Risk: risk.Info}, "# ok\n")
	r := runReport(t, f, "notes-demo", "--catalog", "demo", "--format", "json")
	var v reportView
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.err != nil {
		t.Fatalf("report --format json = %q, %v / %v", r.stdout, err, r.err)
	}
	if v.Commit != notesPin || v.Status != "reviewed" || v.Labels != "security-risk:info\n" || !v.CreatedAt.Equal(fixedNow.Truncate(time.Second)) {
		t.Errorf("report json = %+v", v)
	}
}

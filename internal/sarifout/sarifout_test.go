package sarifout

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/sarifout/sarifcheck"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

const (
	head    = "0123456789abcdef0123456789abcdef01234567"
	hostile = "a b%20\x1b]0;pwned\x07\n::set-output name=x::y,z:w\u202e.go"
)

// encode marshals the log as the commands do (JSON, then every unsafe
// character escaped) and validates it against the SARIF 2.1.0 schema.
func encode(t *testing.T, log *sarif.Report) []byte {
	t.Helper()
	b, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = sanitize.JSON(b)
	if err := sarifcheck.Validate(b); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, b)
	}
	if strings.ContainsAny(string(b), "\x1b\x07\u202e") {
		t.Errorf("SARIF carries raw control or bidi characters:\n%s", b)
	}
	return b
}

// decoded is the part of a log the tests look at.
type decoded struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID         string `json:"id"`
					Properties struct {
						SecuritySeverity string `json:"security-severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			OK bool `json:"executionSuccessful"`
		} `json:"invocations"`
		Results []sarifcheck.Result `json:"results"`
	} `json:"runs"`
}

func decode(t *testing.T, b []byte) decoded {
	t.Helper()
	var d decoded
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 || d.Runs[0].Tool.Driver.Name != ToolName {
		t.Fatalf("want one run of %s, got %+v", ToolName, d.Runs)
	}
	for _, r := range d.Runs[0].Results {
		rules := d.Runs[0].Tool.Driver.Rules
		if r.RuleIndex >= len(rules) || rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %q: ruleIndex %d does not name its rule", r.RuleID, r.RuleIndex)
		}
	}
	return d
}

func TestReviewSARIF(t *testing.T) {
	scan := &prescan.ScanResult{Mode: prescan.ModeFull, Files: 3, Max: risk.High, Findings: []prescan.Finding{
		{Rule: "mail-bcc", Severity: risk.High, File: "src/mail.ts", Line: 12, Excerpt: "Bcc: 'x@evil'", Message: "hidden Bcc"},
		{Rule: "reviewer-injection", Severity: risk.Medium, File: hostile, Line: 3, Message: "msg\x1b[2J" + hostile},
		{Rule: "workflow-change", Severity: risk.Low, File: ".github/workflows/x.yml", Message: "file rule"},
		{Rule: "workflow-change", Severity: risk.Critical, File: ".github/workflows/y.yml", Message: "file rule"},
	}}
	tests := []struct {
		name      string
		verdict   reviewer.Verdict
		wantLevel string
		wantOK    bool
	}{
		{"needs human", reviewer.Verdict{Risk: risk.High, AgentRisk: risk.Info, PrescanRisk: risk.High, NeedsHuman: true, Reasons: []string{"why\n::error::x"}}, LevelError, true},
		{"medium", reviewer.Verdict{Risk: risk.Medium, AgentRisk: risk.Medium, PrescanRisk: risk.High}, LevelWarning, true},
		{"low", reviewer.Verdict{Risk: risk.Low, AgentRisk: risk.Low}, LevelNote, true},
		{"failed", reviewer.Verdict{Failed: true, Risk: risk.High, Reasons: []string{"timeout"}}, LevelError, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &reviewer.Result{Repo: "https://github.com/o/r", Head: head, Agent: reviewer.AgentClaude, Verdict: tt.verdict, Prescan: scan}
			log, err := Review(res, "v1.2.3")
			if err != nil {
				t.Fatal(err)
			}
			run := decode(t, encode(t, log)).Runs[0]
			if len(run.Invocations) != 1 || run.Invocations[0].OK != tt.wantOK {
				t.Errorf("invocations = %+v, want executionSuccessful %v", run.Invocations, tt.wantOK)
			}
			if len(run.Results) != 5 {
				t.Fatalf("got %d results, want 4 findings and the verdict", len(run.Results))
			}
			wantLevels := []string{LevelError, LevelWarning, LevelNote, LevelError, tt.wantLevel}
			for i, r := range run.Results {
				if r.Level != wantLevels[i] {
					t.Errorf("result %d (%s) level %q, want %q", i, r.RuleID, r.Level, wantLevels[i])
				}
			}
			if v := run.Results[4]; v.RuleID != VerdictRule || len(v.Locations) != 1 || v.Locations[0].Physical != nil {
				t.Errorf("verdict result = %+v, want %s at a logical location", v, VerdictRule)
			}
			loc := run.Results[0].Locations[0].Physical
			if loc.Artifact.URI != "src/mail.ts" || loc.Region == nil || loc.Region.StartLine != 12 {
				t.Errorf("finding 0 location = %+v, want src/mail.ts line 12", loc)
			}
			if got := run.Results[2].Locations[0].Physical; got.Region != nil {
				t.Errorf("a file rule has a region: %+v", got.Region)
			}
			if got := run.Tool.Driver.Rules[2]; got.ID != "workflow-change" || got.Properties.SecuritySeverity != "9.5" {
				t.Errorf("rule 2 = %+v, want workflow-change ranked by its worst (critical) finding, 9.5", got)
			}
		})
	}
}

func TestHostileFileNameIsAURIReference(t *testing.T) {
	res := &reviewer.Result{Repo: "/local/path", Head: head, Agent: reviewer.AgentPrescan, Prescan: &prescan.ScanResult{
		Mode: prescan.ModeFull, Findings: []prescan.Finding{
			{Rule: "r", Severity: risk.High, File: hostile, Line: 1, Message: "m"},
			{Rule: "r", Severity: risk.High, File: "c:/x y#z?.go", Line: 1, Message: "m"},
		}}}
	log, err := Review(res, "")
	if err != nil {
		t.Fatal(err)
	}
	run := decode(t, encode(t, log)).Runs[0]
	for i, want := range []string{hostile, "c:/x y#z?.go"} {
		uri := run.Results[i].Locations[0].Physical.Artifact.URI
		if strings.ContainsAny(uri, " \n\x1b#?") || strings.HasPrefix(uri, "c:") {
			t.Errorf("file %q became URI %q: not an escaped relative reference", want, uri)
		}
	}
}

func TestLintSARIF(t *testing.T) {
	problems := []catalog.Problem{
		{File: "servers/x/server.yaml", Line: 1, Field: "name", Rule: "name-format", Origin: catalog.OriginRegistry, Severity: catalog.SeverityError, Message: "bad name"},
		{File: "servers/x/server.yaml", Line: 4, Field: "about.title", Rule: "hidden-text", Origin: catalog.OriginMCPTrust, Severity: catalog.SeverityWarning, Message: hostile},
		{File: "servers/SQLite/server.yaml", Rule: "name-format", Origin: catalog.OriginRegistry, Severity: catalog.SeverityNotice, Exception: "legacy-name", Message: "grandfathered"},
	}
	log, err := Lint(problems, "dev")
	if err != nil {
		t.Fatal(err)
	}
	b := encode(t, log)
	run := decode(t, b).Runs[0]
	if len(run.Tool.Driver.Rules) != 2 {
		t.Errorf("rules = %+v, want name-format and hidden-text once each", run.Tool.Driver.Rules)
	}
	for i, want := range []string{LevelError, LevelWarning, LevelNote} {
		if run.Results[i].Level != want {
			t.Errorf("problem %d level %q, want %q", i, run.Results[i].Level, want)
		}
	}
	if !strings.Contains(string(b), `"origin": "mcptrust"`) || !strings.Contains(string(b), `"exception": "legacy-name"`) {
		t.Errorf("origin or exception missing:\n%s", b)
	}
	empty, err := Lint(nil, "dev")
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, encode(t, empty)).Runs[0].Results; got == nil || len(got) != 0 {
		t.Errorf("a clean lint must have an empty results array, got %v", got)
	}
}

func TestVerifySARIF(t *testing.T) {
	results := []*verify.Result{
		{Target: verify.Target{Name: "ok", Ref: "mcp/ok:latest"}, Verdict: verify.VerdictVerified,
			Checks: []verify.Check{{Name: verify.CheckPin, Status: verify.StatusPass}, {Name: verify.CheckTlog, Status: verify.StatusSkip}}},
		{Target: verify.Target{Name: "bad", Ref: "mcp/bad:latest"}, Verdict: verify.VerdictFailed, Digest: "sha256:" + strings.Repeat("a", 64),
			Checks: []verify.Check{{Name: verify.CheckPin, Status: verify.StatusPass}, {Name: verify.CheckSignature, Status: verify.StatusFail, Reason: "no signature\n::error::x"}}},
		{Target: verify.Target{Ref: "mcp/down:latest"}, Verdict: verify.VerdictUndecided,
			Checks: []verify.Check{{Name: verify.CheckDigest, Status: verify.StatusError, Reason: "registry 503"}}},
		{Target: verify.Target{Name: "pub", Ref: "pub/x:1"}, Verdict: verify.VerdictNotEnforceable,
			Checks: []verify.Check{{Name: verify.CheckSignature, Status: verify.StatusSkip, Reason: "publisher image"},
				{Name: verify.CheckProvenance, Status: verify.StatusSkip, Reason: "no attestation"}}},
		{Target: verify.Target{Name: "rug", Ref: "mcp/rug:latest"}, Verdict: verify.VerdictFailed,
			Checks: []verify.Check{{Name: verify.CheckProvenance, Status: verify.StatusFail, Reason: "built from another commit"}}},
	}
	log, err := Verify(results, "dev")
	if err != nil {
		t.Fatal(err)
	}
	run := decode(t, encode(t, log)).Runs[0]
	want := []struct{ rule, level, prefix string }{
		{verify.CheckSignature, LevelError, "bad: signature failed"},
		{verify.CheckDigest, LevelWarning, "mcp/down:latest: digest could not decide"},
		{verify.CheckSignature, LevelWarning, "pub: signature not enforceable"},
		{verify.CheckProvenance, LevelError, "rug: provenance failed"},
	}
	if len(run.Results) != len(want) {
		t.Fatalf("got %d results %+v, want %d", len(run.Results), run.Results, len(want))
	}
	for i, w := range want {
		r := run.Results[i]
		if r.RuleID != w.rule || r.Level != w.level || !strings.HasPrefix(r.Message.Text, w.prefix) {
			t.Errorf("result %d = %s %s %q, want %s %s %q...", i, r.RuleID, r.Level, r.Message.Text, w.rule, w.level, w.prefix)
		}
	}
}

// TestValidatorRejects proves the schema check can fail: a level SARIF
// does not have, another version, a result without a message and file
// URIs that are not RFC 3986 references are refused.
func TestValidatorRejects(t *testing.T) {
	log, err := Lint([]catalog.Problem{{File: "f", Rule: "parse", Severity: catalog.SeverityError, Message: "m"}}, "dev")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(log)
	for _, bad := range []string{
		strings.Replace(string(b), `"level":"error"`, `"level":"fatal"`, 1),
		strings.Replace(string(b), `"version":"2.1.0"`, `"version":"2.2"`, 1),
		strings.Replace(string(b), `"message":{"text":"m"},`, ``, 1),
		strings.Replace(string(b), `"uri":"f"`, `"uri":"a b"`, 1),
		strings.Replace(string(b), `"uri":"f"`, `"uri":"%zz"`, 1),
		strings.Replace(string(b), `"uri":"f"`, `"uri":"日本"`, 1),
	} {
		if bad == string(b) {
			t.Fatal("the mutation did not apply")
		}
		if err := sarifcheck.Validate([]byte(bad)); err == nil {
			t.Errorf("the validator accepted an invalid log: %s", bad)
		}
	}
}

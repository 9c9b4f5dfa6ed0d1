package commands

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/sarifout/sarifcheck"
)

// checkSARIF validates stdout against the SARIF 2.1.0 schema, refuses raw
// control characters, and returns the results of its one run.
func checkSARIF(t *testing.T, stdout string) []sarifcheck.Result {
	t.Helper()
	if err := sarifcheck.Validate([]byte(stdout)); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v\n%s", err, stdout)
	}
	if strings.ContainsAny(stdout, "\x1b\x07\u202e") {
		t.Errorf("SARIF carries raw control or bidi characters:\n%s", stdout)
	}
	var log struct {
		Runs []struct {
			Results []sarifcheck.Result `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("want one run: %v\n%s", err, stdout)
	}
	return log.Runs[0].Results
}

func TestReviewSARIFCommand(t *testing.T) {
	// the excerpts carry a terminal escape and a right-to-left override
	bidi := strings.Replace(mailAfter, "// ", "// \u202e", 1)
	dir, shas := gitRepo(t, map[string]string{"index.js": mailBefore}, map[string]string{"index.js": bidi, hostileJS: bidi})
	r := runCommand(t, false, "review", dir, "--agent", "prescan", "--head", shas[1], "--base", shas[0],
		"--output", t.TempDir(), "--format", "sarif")
	if !strings.Contains(r.stdout, `\u202e`) {
		t.Errorf("the excerpt's override is not escaped as \\u202e")
	}
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("exit %d (%v), want %d", ExitCode(r.err), r.err, ExitTrust)
	}
	results := checkSARIF(t, r.stdout)
	last := len(results) - 1
	if len(results) != 8 || results[last].RuleID != "review-verdict" || results[last].Level != "warning" {
		t.Fatalf("results = %+v, want mail-bcc, mail-address and unicode-bidi in two files, filename-unicode for the hostile name, and a warning verdict (neutral)", results)
	}
	var hostile bool
	for _, res := range results[:last] {
		uri := res.Locations[0].Physical.Artifact.URI
		hostile = hostile || uri == "./m,line=1:x%250A%0A::set-output%20name=pwned::1.js"
		if res.Level != "error" || strings.ContainsAny(uri, "\n ") {
			t.Errorf("finding %s at %q level %s, want an error at an escaped URI", res.RuleID, uri, res.Level)
		}
	}
	if !hostile {
		t.Errorf("the hostile file is not reported at its percent-encoded URI:\n%s", r.stdout)
	}
}

func TestLintSARIFCommand(t *testing.T) {
	root := t.TempDir()
	writeServer(t, root, "good-one", goodServer)
	writeServer(t, root, "bad-one", serverNamed("bad-one", `"Bad\e]0;pwned\a MCP \u202EServer"`))
	r := runCommand(t, false, "lint", root, "--format", "sarif")
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("exit %d (%v), want %d\n%s", ExitCode(r.err), r.err, ExitTrust, r.stdout)
	}
	results := checkSARIF(t, r.stdout)
	rules := map[string]string{}
	for _, res := range results {
		rules[res.RuleID] = res.Level
		if len(res.Locations) != 1 || !strings.HasSuffix(res.Locations[0].Physical.Artifact.URI, "servers/bad-one/server.yaml") {
			t.Errorf("%s: location %+v, want servers/bad-one/server.yaml", res.RuleID, res.Locations)
		}
	}
	if rules["title-words"] != "error" || rules["hidden-text"] != "warning" {
		t.Errorf("rules = %v, want title-words an error (registry) and hidden-text a warning (ours)", rules)
	}
	clean := runCommand(t, false, "lint", writeServer(t, t.TempDir(), "good-one", goodServer), "--format", "sarif")
	if clean.err != nil || len(checkSARIF(t, clean.stdout)) != 0 {
		t.Errorf("clean lint: %v, want no error and no result", clean.err)
	}
}

func TestVerifySARIFCommand(t *testing.T) {
	w := newSignedWorld(t)
	r := runCommand(t, false, w.args("good", "relabelled", "unsigned", "--format", "sarif")...)
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("exit %d (%v), want %d", ExitCode(r.err), r.err, ExitTrust)
	}
	results := checkSARIF(t, r.stdout)
	got := map[string]string{}
	for _, res := range results {
		got[strings.SplitN(res.Message.Text, ":", 2)[0]+"/"+res.RuleID] = res.Level
	}
	if got["relabelled/revision-label"] != "error" || got["unsigned/signature"] != "error" || len(got) != len(results) {
		t.Errorf("results = %v, want revision-label of relabelled and signature of unsigned as errors", got)
	}
	for k := range got {
		if strings.HasPrefix(k, "good/") {
			t.Errorf("a verified target has a result: %s", k)
		}
	}
	w.reg.Close()
	down := runCommand(t, false, w.args("good", "--format", "sarif")...)
	results = checkSARIF(t, down.stdout)
	if ExitCode(down.err) != ExitUndecided || len(results) == 0 || results[0].Level != "warning" ||
		!strings.Contains(results[0].Message.Text, "could not decide") {
		t.Errorf("registry down: exit %d, results %+v; want %d and a could-not-decide warning", ExitCode(down.err), results, ExitUndecided)
	}
}

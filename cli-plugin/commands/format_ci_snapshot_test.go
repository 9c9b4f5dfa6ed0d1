package commands

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// registrySnapshot is shared/mcp-registry/servers beside the module root
// (the real registry snapshot); the test is skipped when it is absent.
// TestLintSARIFOfTheRegistry: the SARIF of the real registry is valid and
// has one result per problem of the JSON contract, at the same levels.
func TestLintSARIFOfTheRegistry(t *testing.T) {
	dir := filepath.Join(registrySnapshot(t), "servers")
	sarifRun := runCommand(t, false, "lint", dir, "--format", "sarif")
	jsonRun := runCommand(t, false, "lint", dir, "--format", "json")
	if ExitCode(sarifRun.err) != ExitCode(jsonRun.err) {
		t.Errorf("exit %d with sarif, %d with json", ExitCode(sarifRun.err), ExitCode(jsonRun.err))
	}
	var view lintView
	if err := json.Unmarshal([]byte(jsonRun.stdout), &view); err != nil {
		t.Fatal(err)
	}
	results := checkSARIF(t, sarifRun.stdout)
	if len(results) != len(view.Problems) || len(results) == 0 {
		t.Fatalf("%d SARIF results for %d problems", len(results), len(view.Problems))
	}
	levels := map[string]string{"error": "error", "warning": "warning", "notice": "note"}
	for i, p := range view.Problems {
		if results[i].RuleID != p.Rule || results[i].Level != levels[string(p.Severity)] {
			t.Errorf("problem %d (%s %s) is SARIF %s %s", i, p.Rule, p.Severity, results[i].RuleID, results[i].Level)
		}
	}
	t.Logf("%d servers, %d problems, all valid SARIF", view.Checked, len(results))
}

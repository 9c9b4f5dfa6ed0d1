package commands

import (
	"encoding/json"
	"strings"
	"testing"
)

// The demo is a self-test of the whole path: each seeded scenario must get
// its verdict, through the real registry, signatures and verifier.
func TestDemoScenariosHold(t *testing.T) {
	r := runCommand(t, false, "demo", "--format", "json")
	if r.err != nil {
		t.Fatalf("demo: %v\n%s", r.err, r.stderr)
	}
	var v verifyView
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("demo --format json: %v", err)
	}
	if v.Summary["verified"] < 2 || v.Summary["failed"] < 5 || v.Summary["not-enforceable"] < 1 {
		t.Errorf("demo summary = %v, want good, broken and publisher images", v.Summary)
	}
	if !strings.Contains(r.stderr, "scenarios got the verdict they should") {
		t.Errorf("demo stderr = %q", r.stderr)
	}
	for _, res := range v.Results {
		if !strings.HasPrefix(res.Ref, "127.0.0.1:") && res.Ref != "" {
			t.Errorf("demo result %s resolved %q, not on the loopback registry", res.Target.Name, res.Ref)
		}
	}
}

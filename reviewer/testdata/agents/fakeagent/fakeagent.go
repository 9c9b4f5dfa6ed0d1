// Package fakeagent is shared by the test agents: static programs that
// stand in for Claude Code inside the reviewer's agent container, each
// doing one thing a prompt-injected agent might do. They read their
// instructions from the prompt mcptrust wrote and from targets.json in the
// code under review (written by the test), and report what happened in
// report.md so the test can read it from the final report.
package fakeagent

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Targets is targets.json at the root of the code under review.
type Targets struct {
	// HTTP are URLs the egress agent must fail to reach.
	HTTP []string `json:"http"`
	// Lookup are names the egress agent must fail to resolve.
	Lookup []string `json:"lookup"`
	// Mode selects the hostile agent's behaviour.
	Mode string `json:"mode"`
	// Sentinel is a host path the hostile agent links report.md to.
	Sentinel string `json:"sentinel"`
	// Upstream is the fake provider's address, which the agent must not
	// reach directly.
	Upstream string `json:"upstream"`
}

// ReadTargets reads /src/targets.json; a missing file is no targets.
func ReadTargets() Targets {
	var t Targets
	if b, err := os.ReadFile("/src/targets.json"); err == nil {
		_ = json.Unmarshal(b, &t)
	}
	return t
}

var (
	headRE = regexp.MustCompile(`"head_commit": "([0-9a-f]{40})"`)
	baseRE = regexp.MustCompile(`"base_commit": "([0-9a-f]{40})"`)
)

// Commits reads the head and base commits from the prompt's target JSON.
func Commits() (head, base string) {
	b, _ := os.ReadFile("/review/prompt.md")
	if m := headRE.FindSubmatch(b); m != nil {
		head = string(m[1])
	}
	if m := baseRE.FindSubmatch(b); m != nil {
		base = string(m[1])
	}
	return head, base
}

// Nonce reads the run's nonce.
func Nonce() string {
	b, _ := os.ReadFile("/review/nonce.txt")
	return strings.TrimSpace(string(b))
}

// Report renders a report in the template's shape with risk (lowercase)
// and body lines as the findings section.
func Report(risk string, body []string) string {
	head, base := Commits()
	if base == "" {
		base = "N/A"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Security Review Report\n\n## Scope Summary\n\n")
	fmt.Fprintf(&b, "- **Head Commit:** %s\n- **Base Commit:** %s\n", head, base)
	fmt.Fprintf(&b, "- **Overall Risk Level:** %s\n- **Review Nonce:** %s\n\n", strings.ToUpper(risk), Nonce())
	b.WriteString("## Detailed Findings\n\n")
	for _, l := range body {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	return b.String()
}

// Write writes report.md and labels.txt into /out, exiting 2 on failure.
func Write(report, labels string) {
	for name, data := range map[string]string{"report.md": report, "labels.txt": labels} {
		if err := os.WriteFile("/out/"+name, []byte(data), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "fake agent:", err)
			os.Exit(2)
		}
	}
}

// Finish writes a report with risk and body, and matching labels.
func Finish(risk string, body []string) {
	Write(Report(risk, body), "security-risk:"+risk+"\n")
}

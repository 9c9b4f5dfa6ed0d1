package prescan

import (
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// Rule is one pre-scan signal. Rules are data: DefaultRules returns the table
// the command uses, and WithRules replaces it.
//
// A rule with a Pattern is a line rule: it runs on each added line in
// differential mode and on every line in full mode. A rule without one is a
// file rule: it reports once for each file that the diff adds or changes (or,
// in full mode, that exists) and whose path matches Paths.
type Rule struct {
	// ID names the rule in findings, e.g. "mail-bcc".
	ID string
	// Severity of the rule's findings. risk.None makes the rule a signal
	// only: it puts Tags on the file and never reports.
	Severity risk.Level
	// FullSeverity, when not risk.None, replaces Severity in full mode, where
	// a file's presence says less than its addition.
	FullSeverity risk.Level
	// Description is the finding message.
	Description string
	// Paths limits the rule to files matching one of these globs (see
	// below); empty means every file.
	Paths []string
	// Skip excludes files matching one of these globs.
	Skip []string
	// Pattern is an RE2 regular expression run on each line.
	Pattern string
	// Needles prefilter lines: Pattern runs only on a line that contains
	// one of them, compared ASCII case-insensitively (write them lowercase).
	// Empty means every line, subject to MinLineLen.
	Needles []string
	// MinLineLen skips lines shorter than this many bytes.
	MinLineLen int
	// Ignore is an RE2 expression whose matches are blanked out of a line
	// before Pattern runs, for allowed forms such as emoji flag sequences.
	Ignore string
	// Tags are labels a match puts on its file, for Escalate.
	Tags []string
	// Escalate raises the severity of the rule's findings when the same file
	// carries a tag.
	Escalate *Escalation
	// DiffOnly rules run only in differential mode.
	DiffOnly bool
	// Hosts makes the rule read the host of each match (a URL), report each
	// host once per file, and compare it with ScanOptions.AllowHosts.
	Hosts bool

	// PathPattern, for a file rule, is an RE2 expression the file's path
	// must match (for names carrying hidden characters, say).
	PathPattern string
	// Symlinks makes the rule apply to symbolic links only (no other rule
	// sees them). Its Pattern runs once on the link's target, resolved
	// against the link's directory and cleaned: "../../x" from "a/link"
	// reads "../x"; an absolute target stays absolute.
	Symlinks bool
	// OnlyWithTag keeps the rule's findings only in a file that carries
	// this tag: in its scanned lines or, in differential mode with
	// ScanOptions.HeadDir, anywhere in the head version of the file.
	OnlyWithTag string
	// MinEntropy keeps a match only when its first capture group has at
	// least this Shannon entropy, in bits per byte. Such a rule runs only on
	// lines with a quoted run of 24 or more of [A-Za-z0-9+/_=-].
	MinEntropy float64
	// NearNames keeps a match only when its first capture group is one edit
	// (insertion, deletion, substitution or swap of neighbours) away from
	// one of these names and equal to none of them, compared lowercase with
	// '-', '_' and '.' alike: a typosquat of a popular package.
	NearNames []string
	// FirstInFile (differential mode, needs ScanOptions.HeadDir) keeps the
	// rule's findings only when the head version of the file matches the
	// rule on no line but added ones: the change brings the first.
	FirstInFile bool
}

// Escalation raises a finding's severity to To when its file carries Tag:
// in the added lines, or, in differential mode with ScanOptions.HeadDir set,
// anywhere in the head version of the file.
type Escalation struct {
	Tag      string
	To       risk.Level
	DiffOnly bool // escalate only in differential mode
}

// RuleScanLimit is the ID of the finding a Scanner reports when a file is
// larger than its cap and was not (fully) scanned.
const RuleScanLimit = "scan-limit"

// Path globs shared by several rules, as functions so that no rule shares a
// slice with another (DefaultRules returns a fresh table each time).
func docGlobs() []string {
	return []string{
		"*.md", "*.markdown", "*.mdx", "*.rst", "*.txt", "*.adoc", "LICENSE*", "LICENCE*",
		"COPYING*", "NOTICE*", "CHANGELOG*", "AUTHORS*", "MAINTAINERS*", "CODEOWNERS", ".mailmap",
	}
}

func lockGlobs() []string {
	return []string{
		"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock",
		"bun.lockb", "go.sum", "poetry.lock", "Pipfile.lock", "uv.lock", "pdm.lock", "Cargo.lock",
		"composer.lock", "Gemfile.lock", "packages.lock.json",
	}
}

func docsAndLocks() []string { return append(docGlobs(), lockGlobs()...) }

func dockerGlobs() []string {
	return []string{"Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile"}
}

func workflowGlobs() []string {
	return []string{
		".github/workflows/*", ".github/actions/**", "action.yml", "action.yaml",
		".gitlab-ci.yml", ".circleci/**", "azure-pipelines.yml", ".buildkite/**",
	}
}

// Tags shared by rules.
const (
	tagNet  = "net"  // a network sink: URL, HTTP client, socket
	tagExec = "exec" // code or shell execution
	tagMail = "mail" // sends mail
)

// The rule groups below are data tables and run longer than the usual 40
// lines of a function; each entry is one rule.

// DefaultRules returns a fresh copy of the rule table for THREATS section
// 3.3: network and exfiltration, mail recipients, execution, secrets near
// network sinks, obfuscation and invisible Unicode, install and build hooks,
// Dockerfile, CI and lockfile changes, agent configuration, and text
// addressed to an AI reviewer.
func DefaultRules() []Rule {
	var rules []Rule
	rules = append(rules, networkRules()...)
	rules = append(rules, execRules()...)
	rules = append(rules, secretRules()...)
	rules = append(rules, obfuscationRules()...)
	rules = append(rules, buildRules()...)
	rules = append(rules, ciRules()...)
	rules = append(rules, agentRules()...)
	rules = append(rules, hostRules()...)
	rules = append(rules, signalRules()...)
	return rules
}

// Package prescan is the review's deterministic, engine-free pre-scan: data
// driven rules (DefaultRules) matched over the added lines of a unified
// diff (ScanDiff, differential mode) or over every file of a tree
// (ScanTree, full mode), plus whole-repository signals (CI workflows, git
// attributes, hosts the code talks to).
//
// A Scanner is built once with NewScanner and functional options (WithRules,
// WithMaxFileBytes, WithMaxFindings), each validated; the defaults suit a
// review. It executes nothing from the source, never follows a link out of
// the tree, caps what it reads and what it reports, and returns Findings
// whose File and Excerpt are raw text from the code under review: callers
// sanitise them before display. It never prints.
package prescan

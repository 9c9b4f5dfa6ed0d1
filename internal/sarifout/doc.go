// Package sarifout builds SARIF 2.1.0 logs (OASIS Static Analysis Results
// Interchange Format) from the results of review, lint and verify, with
// github.com/owenrumney/go-sarif/v2. It only builds the log: the caller
// encodes it, and must escape it as any JSON output (internal/sanitize),
// since messages, file names and excerpts are untrusted text.
//
// Every log has one run whose tool driver is mcptrust, a rule for every
// rule id its results use, and an automationDetails id naming the command
// ("mcptrust/review/"), which GitHub code scanning takes as the category.
package sarifout

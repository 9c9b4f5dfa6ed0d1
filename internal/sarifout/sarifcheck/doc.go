// Package sarifcheck validates SARIF logs against the official SARIF 2.1.0
// JSON schema (testdata/sarif-schema-2.1.0.json, see testdata/README.md).
// It is for tests only: no package of the binary imports it (a depcheck
// test holds it), so the validator library is never linked into mcptrust.
package sarifcheck

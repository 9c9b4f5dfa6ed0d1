// Package sanitizetest holds the independent oracle for terminal-safety
// tests: a hard-coded table of every code point that must never reach a
// terminal raw, written from the threat (THREATS B1-B6), not from any
// sanitiser's predicate. Tests of every output path (sanitize.Line, Text,
// JSON, the catalog's own escapers, table and template output) check that
// each of these comes out escaped, so dropping a code point from a
// sanitiser's unsafe set fails a test. Import it from tests only.
package sanitizetest

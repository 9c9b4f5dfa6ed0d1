// Package sgbundle reads and verifies a sigstore bundle signed with a
// public key: the DSSE envelope, its in-toto statement and its Rekor v1
// transparency-log entries (signed entry timestamp, RFC 6962 inclusion
// proof and signed checkpoint). It is the standard-library equivalent of
// what cosign's VerifyNewBundle (sigstore-go underneath) checks for a
// key-signed bundle, so that the verify package does not link cosign,
// sigstore-go or protobuf.
//
// The JSON is read with the protobuf JSON mapping's rules (field names in
// camelCase or snake_case, bytes as base64, 64-bit integers as strings or
// numbers, unknown and duplicate fields refused). Where sigstore-go would
// accept more than `cosign sign` with a key and Rekor v1 produces, this
// package refuses it (fails closed): Rekor v2 entries (hashedrekord
// v0.0.2, checked against a C2SP checkpoint; the embedded trusted root has
// no Rekor v2 log), Rekor v1 kinds other than dsse v0.0.1 (intoto v0.0.2),
// a kindVersion that disagrees with the body, more than one signature in
// the logged entry, bundle versions other than 0.1-0.3, integers written
// with an exponent, and a log key outside its validity window even when
// the entry has only an inclusion proof.
package sgbundle

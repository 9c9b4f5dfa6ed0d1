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
// accept something no honest signer produces (Rekor v2 entries, entry
// kinds other than dsse v0.0.1, a kindVersion that disagrees with the
// body), this package refuses it: it fails closed.
package sgbundle

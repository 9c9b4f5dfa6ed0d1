// Package demosign signs the demo's images in cosign's classic layout with
// the standard library only, so that `mcptrust demo` does not link cosign,
// sigstore, rekor's models or protobuf: a simple-signing payload, an ECDSA
// P-256 signature over it, and the Rekor bundle cosign attaches (a
// hashedrekord v0.0.1 entry and a signed entry timestamp from the demo's own
// log key), pushed as the sha256-<hex>.sig manifest.
//
// The formats are cosign's and rekor's, byte for byte where bytes are
// signed; the package's tests check every signature it makes with cosign's
// own verifier and compare the signed bytes with what cosign, sigstore and
// rekor produce.
package demosign

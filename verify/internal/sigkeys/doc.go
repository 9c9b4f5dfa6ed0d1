// Package sigkeys holds the public keys a verification trusts: the signing
// key of classic cosign signatures and the transparency-log keys whose signed
// entry timestamps are accepted, with their validity windows. It accepts and
// refuses what sigstore's cryptoutils, signature.LoadVerifier and
// sigstore-go's trusted root do, with the standard library only, so the
// verify package links none of them.
package sigkeys

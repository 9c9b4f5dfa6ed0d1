// Package verify proves that an MCP server image is the signed build of the
// git commit its registry entry pins.
//
// A Verifier resolves the image tag once to a manifest digest and does every
// later request by that digest, so a tag that moves during the check cannot
// change what was checked (THREATS C1). It then runs named checks:
//
//   - pin: the expected commit is a canonical 40-hex lowercase SHA.
//   - digest: the manifest bytes hash to the digest they were fetched as.
//   - revision-label: the config label org.opencontainers.image.revision of
//     the image, or of every runnable platform of an index, equals the pin.
//   - signature: at least one cosign signature verifies under the key, claims
//     the resolved digest, names the expected repository and carries the pin.
//   - tlog: that signature's Rekor bundle verifies offline against the
//     embedded Rekor key.
//
// Verify returns an error only for an invalid Target. Everything the registry
// does, including failing, becomes a Result whose Verdict says whether a trust
// check said no (failed) or the checks could not run (undecided).
//
// The package never prints and keeps no global mutable state; the command
// layer renders Results.
package verify

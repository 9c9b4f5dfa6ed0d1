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
//   - provenance: the BuildKit SLSA provenance attested for each platform of
//     a signed index names the catalog's repository at the pin. Attestations
//     are unsigned: they count only because the passing signature covers the
//     index that lists them. A skip does not change the verdict unless
//     WithRequireProvenance.
//
// Signatures are read in both layouts cosign writes: the classic
// sha256-<hex>.sig manifest of simple-signing layers, and cosign v3's
// sigstore bundle stored as an OCI referrer of the digest (referrers API, or
// the sha256-<hex> fallback tag). Both are looked up in the signature
// repository, mcp/signatures for Docker's images (DefaultSignatureRepo).
//
// After authentication a single-manifest image costs three sequential round
// trips: the tag's manifest; its config beside the signature manifest and
// referrers list; the signature payloads. Only manifests, configs and
// signature payloads are read, never image layers, each capped (Limits) and
// hash-checked. Plain HTTP is used only for loopback registries, and
// credentials go only to the registry host and a token service on it. A
// registry policy (WithRegistryPolicy, PublicRegistriesOnly) is applied to
// every host contacted, redirects and token realms included, by name and
// on every address dialled.
//
// Each request has its own timeout (WithRequestTimeout); the caller's context
// bounds a whole run, and its cause (context.WithTimeoutCause) becomes the
// reason of what it cut short. Per registry host a breaker counts
// consecutive timeouts and 5xx answers: after WithBreaker of them (3) every
// later request to that registry fails at once, so a hung registry costs a
// run three timeouts, not one per target. After 30 s one trial request goes
// out; an answer closes the circuit, so a long-lived Verifier recovers.
//
// WithCache reuses verified results (NewDirCache keeps them on disk, each
// entry under an HMAC with a key made on this machine). Each Verifier has
// its own connection pool, sized for verify's concurrency.
//
// Verify returns an error only for an invalid Target. Everything the registry
// does, including failing, becomes a Result whose Verdict says whether a trust
// check said no (failed) or the checks could not run (undecided).
//
// The package never prints and keeps no global mutable state; the command
// layer renders Results. Result's JSON is the --format json contract;
// testdata/*.golden pins it. Package verifytest builds real fixtures
// (registry, images, signatures, Rekor bundles) for tests and demos.
package verify

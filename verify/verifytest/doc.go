// Package verifytest builds real fixtures for testing image verification: a
// loopback OCI registry (ggcr's registry.New behind httptest), labelled
// images and indexes pushed to it, and real cosign signatures made with
// freshly generated ECDSA P-256 keys, with Rekor bundles whose signed entry
// timestamps come from a test Rekor key.
//
// Nothing here is a mock: the verifier under test speaks HTTP to a real
// registry and checks real signatures. The package does not import testing,
// so the command layer's end-to-end tests and a demo seeder can use it; it
// never listens on or dials anything but loopback.
//
// The parts that sign nothing (registry, middleware, images, attestations,
// recorder) live in internal/ocitest and are re-exported here under their
// old names; what stays here is what needs cosign, sigstore-go or rekor.
package verifytest

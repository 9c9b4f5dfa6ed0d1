// Package ocitest builds real OCI fixtures that need no signing code: a
// loopback registry (ggcr's registry.New behind httptest) with middleware for
// delays and faults, labelled images, indexes and BuildKit attestations
// pushed to it, a request recorder, and cosign's classic signature manifest
// assembled from layers that someone else signed.
//
// It is split from verify/verifytest, which signs with cosign and
// sigstore-go, so that the demo seeder linked into mcptrust can use the
// registry and images without linking the signing stack. verifytest
// re-exports all of it. Like verifytest it does not import testing and never
// listens on or dials anything but loopback.
package ocitest

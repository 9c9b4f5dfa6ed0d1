// Package ghfake is a loopback HTTP server that speaks the few GitHub REST
// shapes dockerreviews uses (commits of a path, one commit with its patch,
// pull requests of a commit, check runs of a ref), with Link pagination,
// ETags and 304s, an optional delay per request (simulated round trip) and
// an Intercept hook for faults (rate limits, 5xx, hostile answers). It also
// provides LoopbackTransport, which refuses to dial anything but a loopback
// IP literal, so a test can never reach api.github.com. Standard library
// only; every fixture is written by the tests that use it.
package ghfake

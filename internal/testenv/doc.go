// Package testenv is for tests only: a test says what it needs from the
// machine (the Docker engine, a program such as git, the shared registry
// snapshot) and gets it, or stops.
//
// Outside CI a missing piece skips the test and says why. In CI (the CI
// environment variable set, as `bash .ci/run` runs with CI=true) it fails
// the test instead: a CI machine that lost docker, git or the snapshot must
// not pass by skipping the tests that need them.
package testenv

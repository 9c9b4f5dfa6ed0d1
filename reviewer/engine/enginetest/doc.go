// Package enginetest lets tests of package engine, and of the reviewer that
// uses it, run without a Docker engine: a FakeTools answers the docker
// client and Compose by command line, and Options makes engine.New use it.
package enginetest

// Package engine is the review's view of the Docker engine: it finds the
// docker client and Compose (v2, else v1), checks the engine (version,
// rootless, the CVE-2024-29018 DNS fix), builds the proxy image, and writes
// and runs the review's Compose project, generated from Go structs
// (ProjectSpec, BuildProject): both containers non-root, without
// capabilities, read-only, memory and pid limited; the agent on an internal
// network only, the proxy also on an egress one.
//
// It runs the docker client and Compose as commands (no Docker SDK). New
// takes functional options (WithDockerBinary, WithComposeCommand, and
// WithExec, the seam tests use to inject answers and faults). Every failure
// of the engine is an *Error naming the operation, so that the command
// layer can say "could not decide" (exit 3) rather than "failed".
package engine

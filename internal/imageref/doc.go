// Package imageref is the one place that decides what an image reference
// means to mcp-trust: which repository it names, whether it is in Docker's
// mcp/ namespace, and whether a registry host is this machine or a private
// network.
//
// Callers never compare reference strings themselves: mcp/x,
// docker.io/mcp/x and index.docker.io/mcp/x are one repository here, and
// 127.0.0.2, [::1] and localhost are all loopback. It uses the standard
// library and go-containerregistry's name package only, so the catalog may
// import it without pulling in a registry client.
package imageref

// Package pluginmeta holds the Docker CLI plugin metadata of mcptrust. It is
// its own tiny package so that the launcher, which docker runs on every
// `docker --help`, can answer the metadata call without linking anything else.
package pluginmeta

import "github.com/docker/cli/cli-plugins/metadata"

// Version is the release version, set at build time with
// -ldflags "-X github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta.Version=v1.2.3".
var Version = "dev"

const (
	// Name is the plugin name: `docker mcptrust`. Docker CLI plugin names
	// must match ^[a-z][a-z0-9]*$, so "mcp-trust" cannot be used.
	Name = "mcptrust"
	// Vendor is the plugin vendor shown by `docker info`.
	Vendor = "mcp-trust"
	// ShortDescription is the one-line help shown by `docker --help`.
	ShortDescription = "Check MCP servers of the Docker MCP Catalog: pins, signatures, reviews"
	// URL is the project's home page.
	URL = "https://github.com/mcp-trust/mcp-trust"
	// EngineName is the file name of the full program, installed beside the
	// docker-mcptrust launcher. It has no "docker-" prefix, so the Docker
	// CLI does not mistake it for a plugin.
	EngineName = "mcptrust"
)

// Metadata returns the metadata docker reads with `docker-cli-plugin-metadata`.
func Metadata() metadata.Metadata {
	return metadata.Metadata{
		SchemaVersion:    "0.1.0",
		Vendor:           Vendor,
		Version:          Version,
		ShortDescription: ShortDescription,
		URL:              URL,
	}
}

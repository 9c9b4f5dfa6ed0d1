// Package dockerplugin speaks the Docker CLI plugin protocol: how docker
// runs a plugin (its own global flags first, then the plugin's name, then
// the plugin's arguments), the environment it sets, the socket through
// which it asks the plugin to stop, and the metadata call. It is our own
// small implementation of what docker/cli's plugin package does, so the
// program does not link docker/cli's command layer (its API client, gRPC
// and OpenTelemetry) just to be started by docker.
//
// It knows nothing of cobra or of the commands: cli-plugin/commands builds
// the command tree around it.
package dockerplugin

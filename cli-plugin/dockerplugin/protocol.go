package dockerplugin

import (
	"encoding/json"
	"io"

	"github.com/docker/cli/cli-plugins/metadata"
)

const (
	// NamePrefix starts the file name of every plugin: docker runs
	// `docker NAME` as the program docker-NAME.
	NamePrefix = metadata.NamePrefix
	// MetadataSubcommand is the first argument with which docker asks a
	// plugin for its metadata (on every `docker --help` and before each run).
	MetadataSubcommand = metadata.MetadataSubcommandName
	// ReexecEnv names the variable docker sets, to its own argv[0], in the
	// environment of every plugin it runs.
	ReexecEnv = metadata.ReexecEnvvar
	// SocketEnv names the variable holding the address of the unix socket
	// docker listens on while the plugin runs; docker closes it to ask the
	// plugin to stop.
	SocketEnv = "DOCKER_CLI_PLUGIN_SOCKET"
	// NoCompletionDescriptionsEnv, when set non-empty, turns off the
	// descriptions in shell completions, as in docker itself.
	NoCompletionDescriptionsEnv = "DOCKER_CLI_DISABLE_COMPLETION_DESCRIPTION"
)

// Invoked reports whether docker started the program as a plugin: docker
// sets ReexecEnv for every plugin run, and asks for metadata with
// MetadataSubcommand as the first argument (args excludes the program name).
// Anything else is a standalone run.
func Invoked(args []string, getenv func(string) string) bool {
	if getenv(ReexecEnv) != "" {
		return true
	}
	return len(args) > 0 && args[0] == MetadataSubcommand
}

// WriteMetadata writes m as docker reads it: indented JSON, HTML characters
// left as they are.
func WriteMetadata(w io.Writer, m metadata.Metadata) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "     ")
	return enc.Encode(m)
}

package commands

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta"
)

// VersionOptions holds the inputs of the version command.
type VersionOptions struct {
	IO     *iostreams.IOStreams
	Format Format
}

// versionInfo is the JSON contract of `version --format json`.
type versionInfo struct {
	Version  string `json:"version"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

// NewCmdVersion builds `version`.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "version",
		Short: "Show the mcptrust version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *VersionOptions) error {
	info := versionInfo{Version: pluginmeta.Version, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	switch {
	case opts.Format.IsJSON():
		return writeJSON(opts.IO.Out, info)
	case opts.Format.IsTemplate():
		return writeTemplate(opts.IO.Out, opts.Format, []versionInfo{info})
	}
	_, err := fmt.Fprintf(opts.IO.Out, "mcptrust %s (%s, %s)\n", info.Version, info.Go, info.Platform)
	return err
}

package commands

import (
	"fmt"
	"io"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta"
	"github.com/mcp-trust/mcp-trust/internal/sarifout"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

// The CI formats: --format sarif (review, lint, verify) and --format
// github (review). Other commands refuse them as bad usage.

// IsSARIF reports whether output is a SARIF 2.1.0 log.
func (f Format) IsSARIF() bool { return f.kind == formatSARIF }

// IsGitHub reports whether output is a GitHub check-run body.
func (f Format) IsGitHub() bool { return f.kind == formatGitHub }

// ciFormats lists the commands that print each CI format.
var ciFormats = map[formatKind]map[string]bool{
	formatSARIF:  {"review": true, "lint": true, "verify": true},
	formatGitHub: {"review": true},
}

// formatSupported refuses a CI format on a command that does not print it.
func formatSupported(cmd *cobra.Command, f Format) error {
	cmds, ok := ciFormats[f.kind]
	if !ok || cmds[cmd.Name()] {
		return nil
	}
	if f.IsGitHub() {
		return FlagErrorf("--format github is for review only")
	}
	return FlagErrorf("--format %s is for review, lint and verify only", f.raw)
}

// writeSARIF prints a SARIF log as JSON output: every unsafe character in
// its strings (messages, file names, excerpts from the code) escaped.
func writeSARIF(w io.Writer, log *sarif.Report, err error) error {
	if err != nil {
		return fmt.Errorf("building the SARIF log: %w", err)
	}
	return writeJSON(w, log)
}

func writeReviewSARIF(w io.Writer, res *reviewer.Result) error {
	log, err := sarifout.Review(res, pluginmeta.Version)
	return writeSARIF(w, log, err)
}

func writeLintSARIF(w io.Writer, problems []catalog.Problem) error {
	log, err := sarifout.Lint(problems, pluginmeta.Version)
	return writeSARIF(w, log, err)
}

func writeVerifySARIF(w io.Writer, results []*verify.Result) error {
	log, err := sarifout.Verify(results, pluginmeta.Version)
	return writeSARIF(w, log, err)
}

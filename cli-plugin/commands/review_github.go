package commands

import (
	"fmt"
	"os"
	"path"

	"github.com/mcp-trust/mcp-trust/internal/ghcheck"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// printReviewFor prints the result in opts.Format; --format github needs
// more than the result (the server's name, the environment), so it is
// handled here and every other format by printReview.
func printReviewFor(opts *ReviewOptions, res *reviewer.Result) error {
	if !opts.Format.IsGitHub() {
		return printReview(opts.IO, opts.Format, res)
	}
	return writeReviewGitHub(opts, res)
}

// writeReviewGitHub prints the check-run body on stdout. In GitHub
// Actions (GITHUB_ACTIONS=true) it also writes an annotation per pre-scan
// finding on stderr (the runner reads workflow commands there too, and
// stdout stays one JSON document) and appends the job summary to
// $GITHUB_STEP_SUMMARY.
func writeReviewGitHub(opts *ReviewOptions, res *reviewer.Result) error {
	cr := ghcheck.Review(res, checkServerName(opts, res))
	if err := writeJSON(opts.IO.Out, cr); err != nil {
		return err
	}
	if opts.Getenv("GITHUB_ACTIONS") != "true" {
		return nil
	}
	if err := ghcheck.Annotate(opts.IO.ErrOut, res.Prescan); err != nil {
		return fmt.Errorf("writing annotations: %w", err)
	}
	return appendStepSummary(opts.Getenv("GITHUB_STEP_SUMMARY"), ghcheck.JobSummary(cr))
}

// checkServerName is the catalog server reviewed, or the repository's last
// path element for a PATH or GIT-URL.
func checkServerName(opts *ReviewOptions, res *reviewer.Result) string {
	if isServerArg(opts.Target) {
		return opts.Target
	}
	return path.Base(path.Clean("/" + res.Repo))
}

// appendStepSummary appends md to the job summary file the runner names.
// The runner creates the file; without the variable there is nowhere to
// write, which is not an error (a self-hosted runner may not set it).
func appendStepSummary(file, md string) error {
	if file == "" {
		return nil
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return &UndecidedError{Err: fmt.Errorf("opening $GITHUB_STEP_SUMMARY: %w", err)}
	}
	_, werr := f.WriteString(md)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return &UndecidedError{Err: fmt.Errorf("writing $GITHUB_STEP_SUMMARY %s: %w", file, werr)}
	}
	return nil
}

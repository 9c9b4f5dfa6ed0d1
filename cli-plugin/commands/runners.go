package commands

import (
	"context"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// ReviewFunc runs one review; reviewer.Run is the real one. `review` and
// `pin update --review` take it from the Factory.
type ReviewFunc func(ctx context.Context, req reviewer.Request, opts ...reviewer.RunOption) (*reviewer.Result, error)

// GitRunner is what commands ask git: `pin` asks an upstream for a branch
// tip, `lint --changed` asks a checkout which files changed since a
// commit-ish. The real one is the reviewer's git runner.
type GitRunner interface {
	LsRemote(ctx context.Context, repo, branch string, opts ...reviewer.FetchOption) (string, error)
	ChangedFiles(ctx context.Context, dir, base string, opts ...reviewer.FetchOption) (string, []string, error)
}

// reviewerGit is the GitRunner of the binary: reviewer.LsRemote and
// reviewer.ChangedFiles.
type reviewerGit struct{}

func (reviewerGit) LsRemote(ctx context.Context, repo, branch string, opts ...reviewer.FetchOption) (string, error) {
	return reviewer.LsRemote(ctx, repo, branch, opts...)
}

func (reviewerGit) ChangedFiles(ctx context.Context, dir, base string, opts ...reviewer.FetchOption) (string, []string, error) {
	return reviewer.ChangedFiles(ctx, dir, base, opts...)
}

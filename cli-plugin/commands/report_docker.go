package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// Values of report --source.
const (
	reviewAuto   = "auto"
	reviewLocal  = "local"
	reviewDocker = "docker"
	reviewAll    = "all"
)

func addReviewSourceFlags(cmd *cobra.Command, opts *ReportOptions) {
	fl := cmd.Flags()
	fl.StringVar(&opts.ReviewSource, "source", reviewAuto,
		"Which review: auto (the local review if any, else Docker's), local, docker, or all")
	fl.BoolVar(&opts.Offline, "offline", false, "Read Docker's review from the cache only (its age is shown)")
	fl.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "Give up on GitHub after this long (exit 3)")
}

func (o *ReportOptions) validateReviewSource() error {
	switch o.ReviewSource {
	case reviewAuto, reviewLocal, reviewDocker, reviewAll:
	default:
		return FlagErrorf("invalid --source %q: want auto, local, docker or all", o.ReviewSource)
	}
	if o.Timeout <= 0 {
		return FlagErrorf("invalid --timeout %v: must be positive", o.Timeout)
	}
	return nil
}

// reportFound is what report found for one commit.
type reportFound struct {
	server, commit string
	local          *reviewer.StoredReview
	docker         *dockerreviews.Result
	dockerErr      error
	warnings       []string
}

// reportReviews reads the reviews --source asks for, shows them and turns
// the verdicts into the exit status.
func reportReviews(ctx context.Context, opts *ReportOptions, kind catalog.Kind, commit string) error {
	rf := &reportFound{server: opts.Server, commit: commit}
	var err error
	if opts.ReviewSource != reviewDocker {
		if rf.local, err = localReview(opts, commit); err != nil && !notStorable(err) {
			return err
		}
	}
	askDocker := opts.ReviewSource == reviewDocker || opts.ReviewSource == reviewAll ||
		(opts.ReviewSource == reviewAuto && rf.local == nil)
	if askDocker {
		if kind == catalog.KindDemo {
			if opts.ReviewSource == reviewDocker {
				return FlagErrorf("the demo catalog's servers are fictional: Docker has no reviews of them")
			}
		} else {
			rf.docker, rf.dockerErr = dockerReview(ctx, opts, commit)
			var flagErr *FlagError
			if errors.As(rf.dockerErr, &flagErr) {
				return rf.dockerErr
			}
		}
	}
	if err := rf.nothingFound(opts); err != nil {
		return err
	}
	if err := printFound(opts, rf); err != nil {
		return err
	}
	return rf.verdict()
}

// notStorable is the local store refusing a server name it cannot hold
// (the registry has "SQLite"): there is no local review of it, and Docker
// may still have one.
func notStorable(err error) bool {
	var se *reviewer.SourceError
	return errors.As(err, &se) && se.Field == "server"
}

// dockerReview asks GitHub (or the cache) for Docker's review of commit.
func dockerReview(ctx context.Context, opts *ReportOptions, commit string) (*dockerreviews.Result, error) {
	src, err := opts.DockerReviews(opts.Offline, opts.Timeout)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	res, err := src.Lookup(ctx, opts.Server, commit)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("Docker review of %s: no answer from GitHub within --timeout %v", opts.Server, opts.Timeout)
	}
	return res, err
}

// nothingFound is the error when there is no review to show at all.
func (rf *reportFound) nothingFound(opts *ReportOptions) error {
	dockerHas := rf.docker != nil && len(rf.docker.Reviews) > 0
	if rf.local != nil || dockerHas {
		return nil
	}
	if rf.dockerErr != nil {
		return &UndecidedError{Err: rf.dockerErr} // printed sanitised; a cancel stays a cancel
	}
	msg := fmt.Sprintf("no review of %s at %s", opts.Server, rf.commit)
	if opts.ReviewSource != reviewDocker {
		msg += fmt.Sprintf(" in %s: run 'docker mcptrust review %s'", opts.Reports().Dir, opts.Server)
	}
	if rf.docker != nil {
		msg += "; no Docker review: " + rf.docker.Note
		for _, ig := range rf.docker.Ignored {
			fmt.Fprintf(opts.IO.ErrOut, "warning: ignored check run %s (app %s): %s\n", sanitize.Line(ig.Name), sanitize.Line(ig.App), ig.Reason)
		}
	}
	return &TrustError{Err: errors.New(sanitize.Line(msg))}
}

// verdict: any shown review that does not pass (a stale one included) is a
// trust failure; the details are already printed.
func (rf *reportFound) verdict() error {
	if rf.local != nil && !rf.local.Meta.Verdict.Pass() {
		return silentTrustError("review did not pass: " + rf.local.Meta.Verdict.Status())
	}
	if rf.docker != nil && len(rf.docker.Reviews) > 0 {
		if v := rf.docker.Verdict(); !v.Pass() || v.Stale {
			return silentTrustError("Docker review did not pass: " + dockerStatus(v))
		}
	}
	return nil
}

func dockerStatus(v reviewer.Verdict) string {
	if v.Stale && v.Status() == reviewer.StatusReviewed {
		return "stale"
	}
	return v.Status()
}

// localView is the JSON view of a local review.
func localView(rev *reviewer.StoredReview) reportView {
	m := rev.Meta
	return reportView{Server: m.Server, Commit: m.Commit, Status: m.Verdict.Status(), Verdict: m.Verdict,
		Agent: m.Agent, CreatedAt: m.CreatedAt, Labels: string(rev.Labels), Report: string(rev.Report),
		Source: reviewLocal, CoversPin: true, Warnings: []string{},
		Disagreements: append([]string{}, rev.Disagreements...)}
}

// dockerView is the JSON view of Docker's result: the worst review first.
func dockerView(res *dockerreviews.Result) reportView {
	v := res.Verdict()
	rv := res.Worst()
	agents := make([]string, 0, len(res.Reviews))
	for _, r := range res.Reviews {
		agents = append(agents, r.Agent)
	}
	labels := ""
	if len(rv.Labels) > 0 {
		labels = strings.Join(rv.Labels, "\n") + "\n"
	}
	return reportView{Server: res.Server, Commit: res.Pin, Status: dockerStatus(v), Verdict: v,
		Agent: strings.Join(agents, ","), CreatedAt: rv.Time, Labels: labels, Report: rv.Report,
		Source: reviewDocker, CoversPin: res.Covers, Stale: !res.Covers, Warnings: dockerWarnings(res), Docker: res,
		Disagreements: []string{}}
}

// dockerWarnings are the lines to flag: disagreements, ignored runs, age.
func dockerWarnings(res *dockerreviews.Result) []string {
	out := []string{}
	for _, r := range res.Reviews {
		if r.Verdict.Inconsistent {
			out = append(out, fmt.Sprintf("%s/%s: labels and conclusion (%s) disagree; the worse counts", r.Agent, r.Mode, r.Conclusion))
		}
	}
	for _, ig := range res.Ignored {
		out = append(out, fmt.Sprintf("ignored check run %s (app %s): %s", ig.Name, ig.App, ig.Reason))
	}
	return out
}

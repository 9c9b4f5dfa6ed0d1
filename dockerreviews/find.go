package dockerreviews

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/google/go-github/v89/github"
)

// Bounds of one lookup.
const (
	// maxFileCommits is how many changes of a server.yaml are searched for
	// the one that set the pin.
	maxFileCommits = 20
	// staleDepth is how many earlier changes are searched for a review when
	// the change that set the pin has none.
	staleDepth = 3
	// maxRunPages bounds the check-run pages of one pull request head.
	maxRunPages = 5
)

// lookup is one Lookup in progress.
type lookup struct {
	s      *Source
	res    *Result
	server string
}

// Lookup finds Docker's review of server at pin: the registry commit that
// set the pin (commits API on servers/<server>/server.yaml, newest first,
// each commit's patch), its pull request (pulls of a commit), and the
// security-review/* check runs on that pull request's head (check runs of
// a ref). No review found is a Result with a Note, not an error; a GitHub
// answer that does not parse, is too big or names another server is an
// *AnswerError; a rate limit is a *RateLimitError.
func (s *Source) Lookup(ctx context.Context, server, pin string) (*Result, error) {
	if !serverRE().MatchString(server) {
		return nil, fmt.Errorf("Docker review: %q is not a registry server name", server)
	}
	if !shaRE().MatchString(pin) {
		return nil, fmt.Errorf("Docker review of %s: pin %q is not a 40-hex commit", server, pin)
	}
	if rl := s.limited.Load(); rl != nil && !s.offline {
		return nil, rl
	}
	l := &lookup{s: s, server: server, res: &Result{Server: server, Pin: pin, Offline: s.offline}}
	if err := l.run(ctx); err != nil {
		return nil, s.classify(err)
	}
	return l.res, nil
}

func (l *lookup) run(ctx context.Context) error {
	commits, err := l.fileCommits(ctx)
	if err != nil {
		return err
	}
	setter := -1
	for i, sha := range commits {
		ok, err := l.setsPin(ctx, sha)
		if err != nil {
			return err
		}
		if ok {
			setter = i
			break
		}
	}
	if setter < 0 {
		l.res.Note = fmt.Sprintf("none of the last %d registry changes of servers/%s/server.yaml sets pin %s", len(commits), l.server, l.res.Pin)
		return nil
	}
	for j := setter; j < len(commits) && j <= setter+staleDepth; j++ {
		reviews, err := l.reviewsOf(ctx, commits[j])
		if err != nil {
			return err
		}
		if len(reviews) > 0 {
			l.res.Reviews, l.res.Covers = reviews, j == setter
			l.markStale()
			return nil
		}
	}
	l.res.Note = fmt.Sprintf("registry commit %s set the pin; no security review was found on it or the %d changes before it", commits[setter], staleDepth)
	return nil
}

// markStale: a review whose summary names another upstream head than the
// pin does not cover the pin.
func (l *lookup) markStale() {
	for _, rv := range l.res.Reviews {
		if rv.Head != "" && rv.Head != l.res.Pin {
			l.res.Covers = false
		}
	}
}

func (l *lookup) seen(resp *github.Response) {
	if resp == nil {
		return
	}
	t := fetchedAt(resp.Response)
	if !t.IsZero() && (l.res.FetchedAt.IsZero() || t.Before(l.res.FetchedAt)) {
		l.res.FetchedAt = t
	}
}

func (l *lookup) bad(what string, err error) error {
	return &AnswerError{Server: l.server, What: what, Err: err}
}

// answerErr marks size and decoding failures as bad answers.
func (l *lookup) answerErr(what string, err error) error {
	if errors.Is(err, ErrTooBig) || isDecode(err) {
		return l.bad(what, err)
	}
	return fmt.Errorf("Docker review of %s: %s: %w", l.server, what, err)
}

// fileCommits lists the commits that changed servers/<server>/server.yaml,
// newest first, following Link pagination up to maxFileCommits.
func (l *lookup) fileCommits(ctx context.Context) ([]string, error) {
	path := "servers/" + l.server + "/server.yaml"
	opts := &github.CommitsListOptions{Path: path, ListOptions: github.ListOptions{PerPage: 10}}
	var shas []string
	for len(shas) < maxFileCommits {
		page, resp, err := l.s.gh.Repositories.ListCommits(ctx, l.s.owner, l.s.repo, opts)
		l.seen(resp)
		if err != nil {
			return nil, l.answerErr("commits of "+path, err)
		}
		for _, c := range page {
			if !shaRE().MatchString(c.GetSHA()) {
				return nil, l.bad("commits of "+path, fmt.Errorf("commit id %q is not 40-hex", c.GetSHA()))
			}
			shas = append(shas, c.GetSHA())
		}
		if resp.NextPage == 0 || len(page) == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return shas[:min(len(shas), maxFileCommits)], nil
}

// setsPin reports whether registry commit sha changed this server's
// server.yaml to source.commit == pin.
func (l *lookup) setsPin(ctx context.Context, sha string) (bool, error) {
	c, resp, err := l.s.gh.Repositories.GetCommit(ctx, l.s.owner, l.s.repo, sha, nil)
	l.seen(resp)
	if err != nil {
		return false, l.answerErr("commit "+sha, err)
	}
	if c.GetSHA() != sha {
		return false, l.bad("commit "+sha, fmt.Errorf("answer is about commit %q", c.GetSHA()))
	}
	path := "servers/" + l.server + "/server.yaml"
	re := regexp.MustCompile(`(?m)^\+\s+commit:\s*["']?` + l.res.Pin + `["']?\s*$`)
	for _, f := range c.Files {
		if f.GetFilename() == path && re.MatchString(f.GetPatch()) {
			return true, nil
		}
	}
	return false, nil
}

// reviewsOf finds the pull request that brought registry commit sha and
// the security reviews of this server on its head.
func (l *lookup) reviewsOf(ctx context.Context, sha string) ([]Review, error) {
	prs, resp, err := l.s.gh.PullRequests.ListPullRequestsWithCommit(ctx, l.s.owner, l.s.repo, sha, &github.ListOptions{PerPage: 10})
	l.seen(resp)
	if err != nil {
		return nil, l.answerErr("pull requests of commit "+sha, err)
	}
	pr := pickPR(prs, sha)
	if pr == nil {
		return nil, nil
	}
	if repo := pr.GetBase().GetRepo().GetFullName(); repo != "" && repo != l.s.owner+"/"+l.s.repo {
		return nil, l.bad("pull request", fmt.Errorf("pull request #%d is in %q, not %s/%s", pr.GetNumber(), repo, l.s.owner, l.s.repo))
	}
	head := pr.GetHead().GetSHA()
	if !shaRE().MatchString(head) {
		return nil, l.bad("pull request", fmt.Errorf("pull request #%d head %q is not 40-hex", pr.GetNumber(), head))
	}
	runs, err := l.checkRuns(ctx, head)
	if err != nil {
		return nil, err
	}
	reviews, err := l.pick(runs, head)
	for i := range reviews {
		reviews[i].RegistryCommit, reviews[i].PRNumber, reviews[i].PRURL = sha, pr.GetNumber(), pr.GetHTMLURL()
	}
	return reviews, err
}

// pickPR prefers the pull request whose merge commit is sha, else the
// first merged one.
func pickPR(prs []*github.PullRequest, sha string) *github.PullRequest {
	for _, p := range prs {
		if p.GetMergeCommitSHA() == sha {
			return p
		}
	}
	for _, p := range prs {
		if p.MergedAt != nil {
			return p
		}
	}
	return nil
}

func (l *lookup) checkRuns(ctx context.Context, head string) ([]*github.CheckRun, error) {
	all := "all"
	opts := &github.ListCheckRunsOptions{Filter: &all, ListOptions: github.ListOptions{PerPage: 100}}
	var runs []*github.CheckRun
	for page := 0; page < maxRunPages; page++ {
		res, resp, err := l.s.gh.Checks.ListCheckRunsForRef(ctx, l.s.owner, l.s.repo, head, opts)
		l.seen(resp)
		if err != nil {
			return nil, l.answerErr("check runs of "+head, err)
		}
		runs = append(runs, res.CheckRuns...)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return runs, nil
}

// pick keeps, per agent and mode, the newest completed, not skipped run of
// this server from an expected app; the rest go to Ignored.
func (l *lookup) pick(runs []*github.CheckRun, head string) ([]Review, error) {
	sort.SliceStable(runs, func(i, j int) bool { return completed(runs[i]).After(completed(runs[j])) })
	slug := Slug(l.server)
	seen := map[string]bool{}
	var out []Review
	for _, r := range runs {
		agent, mode, s, ok := runName(r.GetName())
		if !ok || s != slug {
			continue
		}
		ign := Ignored{Name: r.GetName(), App: r.GetApp().GetSlug(), URL: r.GetHTMLURL()}
		switch {
		case !l.s.apps[ign.App]:
			ign.Reason = "posted by an unexpected GitHub App"
		case r.GetStatus() != "completed":
			ign.Reason = "not completed (" + r.GetStatus() + ")"
		case r.GetConclusion() == "skipped":
			ign.Reason = "skipped"
		case seen[agent+"/"+string(mode)]:
			continue // an older run of the same review
		}
		if ign.Reason != "" {
			l.res.Ignored = append(l.res.Ignored, ign)
			continue
		}
		rv, err := readRun(l.server, head, r)
		if err != nil {
			return nil, l.bad("check run", err)
		}
		seen[agent+"/"+string(mode)] = true
		out = append(out, rv)
	}
	return out, nil
}

func completed(r *github.CheckRun) time.Time { return r.GetCompletedAt().Time }

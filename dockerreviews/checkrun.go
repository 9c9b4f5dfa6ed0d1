package dockerreviews

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/google/go-github/v89/github"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// MaxReportText caps a check run's report text. The registry workflow cuts
// its reports near 65 KB; anything far larger is not one of its answers.
const MaxReportText = 256 << 10

const namePrefix = "security-review/"

// The expressions are compiled on first use, not at the start of every
// command (issue 11).
var (
	compareRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\]\((https://[^\s()]+)/compare/([0-9a-f]{40})\.\.\.([0-9a-f]{40})\)`)
	})
	fullRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\]\((https://[^\s()]+)/(?:commit|tree)/([0-9a-f]{40})\)`)
	})
	agentRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`) })
)

// runName splits security-review/<agent>/<mode>/<server-slug>.
func runName(name string) (agent string, mode Mode, slug string, ok bool) {
	rest, found := strings.CutPrefix(name, namePrefix)
	if !found {
		return "", "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || !agentRE().MatchString(parts[0]) || (parts[1] != string(ModePin) && parts[1] != string(ModeNew)) {
		return "", "", "", false
	}
	return parts[0], Mode(parts[1]), parts[2], true
}

// readRun turns a completed check run into a Review. A run that names this
// server in its check name but another in its title, is attached to
// another commit, or carries an oversized report is an error.
func readRun(server, prHead string, run *github.CheckRun) (Review, error) {
	agent, mode, _, _ := runName(run.GetName())
	out := run.GetOutput()
	if want := "Security Review: " + server; out.GetTitle() != want {
		return Review{}, fmt.Errorf("check run %d is titled %q, not %q", run.GetID(), out.GetTitle(), want)
	}
	if run.GetHeadSHA() != prHead {
		return Review{}, fmt.Errorf("check run %d is on commit %q, not the pull request head %s", run.GetID(), run.GetHeadSHA(), prHead)
	}
	if len(out.GetText()) > MaxReportText {
		return Review{}, fmt.Errorf("check run %d: report text of %d bytes: %w", run.GetID(), len(out.GetText()), ErrTooBig)
	}
	rv := Review{
		Server: server, Agent: agent, Mode: mode, PRHead: prHead,
		CheckRunID: run.GetID(), CheckRunURL: run.GetHTMLURL(), App: run.GetApp().GetSlug(),
		Status: run.GetStatus(), Conclusion: run.GetConclusion(), Report: out.GetText(),
		Time: run.GetCompletedAt().Time,
	}
	summary := out.GetSummary()
	if m := compareRE().FindStringSubmatch(summary); m != nil && mode == ModePin {
		rv.Project, rv.Base, rv.Head = m[1], m[2], m[3]
	} else if m := fullRE().FindStringSubmatch(summary); m != nil && mode == ModeNew {
		rv.Project, rv.Head = m[1], m[2]
	}
	rv.Labels = summaryLabels(summary)
	rv.Verdict = judge(rv)
	return rv, nil
}

// summaryLabels reads the summary's last "Labels: a,b" line.
func summaryLabels(summary string) []string {
	var labels []string
	for _, line := range strings.Split(summary, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "Labels: "); ok {
			labels = strings.Split(rest, ",")
		}
	}
	return labels
}

// conclusionFor is the registry workflow's determine_conclusion.
func conclusionFor(l reviewer.Labels) string {
	switch {
	case l.Blocked || l.Risk >= risk.Critical:
		return "failure"
	case l.Risk >= risk.Medium:
		return "neutral"
	}
	return "success"
}

// judge is this tool's verdict on a check run: the labels, strictly parsed,
// and the conclusion; when they disagree the worse counts. A run with no
// valid labels is a failed review whatever its conclusion (the workflow
// concludes success for an empty labels file; we do not).
func judge(rv Review) reviewer.Verdict {
	var v reviewer.Verdict
	switch rv.Conclusion {
	case "success", "neutral", "failure":
	default:
		v.Failed = true
		v.Reasons = append(v.Reasons, fmt.Sprintf("Docker's check run concluded %q", rv.Conclusion))
		return v
	}
	if rv.Head == "" {
		v.Reasons = append(v.Reasons, "the check run's summary names no reviewed commit")
	}
	l, err := reviewer.ParseLabels([]byte(strings.Join(rv.Labels, "\n") + "\n"))
	if err != nil || len(rv.Labels) == 0 {
		if len(rv.Labels) == 0 {
			err = errors.New("no labels")
		}
		v.Failed = true
		v.Reasons = append(v.Reasons, fmt.Sprintf("Docker's review has no valid risk label (%v); check run concluded %s", err, rv.Conclusion))
		return v
	}
	v.Risk, v.AgentRisk, v.Blocked = l.Risk, l.Risk, l.Blocked
	if want := conclusionFor(l); want != rv.Conclusion {
		v.Inconsistent = true
		v.Reasons = append(v.Reasons, fmt.Sprintf("labels (%s) call for conclusion %s but the check run concluded %s; the worse counts", strings.Join(rv.Labels, ","), want, rv.Conclusion))
		switch rv.Conclusion {
		case "failure":
			v.Blocked = true
		case "neutral":
			v.Risk = max(v.Risk, risk.Medium)
		}
	}
	return v
}

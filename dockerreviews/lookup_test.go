package dockerreviews

import (
	"errors"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

func TestLookupFindsThePinReview(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.Add("alpha", bump("success", "security-risk:low"))
	res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Covers || len(res.Reviews) != 1 {
		t.Fatalf("result = %+v", res)
	}
	rv := res.Reviews[0]
	want := Review{Server: "alpha", Agent: "claude", Mode: ModePin, Project: "https://github.com/acme/alpha", Base: oldPin, Head: pin,
		PRNumber: 3203, App: "mcp-registry-bot", Conclusion: "success", Status: "completed", CheckRunID: 11}
	if rv.Agent != want.Agent || rv.Mode != want.Mode || rv.Project != want.Project || rv.Base != want.Base || rv.Head != want.Head ||
		rv.PRNumber != want.PRNumber || rv.App != want.App || rv.Conclusion != want.Conclusion || rv.CheckRunID != want.CheckRunID {
		t.Errorf("review = %+v", rv)
	}
	if rv.PRURL != "https://github.com/docker/mcp-registry/pull/3203" || !strings.HasSuffix(rv.CheckRunURL, "/runs/11") || rv.Time.IsZero() || rv.Report == "" {
		t.Errorf("review links/time/report = %q %q %v %q", rv.PRURL, rv.CheckRunURL, rv.Time, rv.Report)
	}
	if v := res.Verdict(); !v.Pass() || v.Risk != risk.Low {
		t.Errorf("verdict = %+v, want a low-risk pass", v)
	}
}

func TestLookupVerdicts(t *testing.T) {
	tests := []struct {
		name       string
		conclusion string
		labels     []string
		status     string
		risk       risk.Level
		pass       bool
		inconsist  bool
	}{
		{"critical fails", "failure", []string{"security-risk:critical"}, reviewer.StatusReviewed, risk.Critical, false, false},
		{"blocked fails", "failure", []string{"security-risk:low", "security-blocked"}, reviewer.StatusBlocked, risk.Low, false, false},
		{"medium is neutral", "neutral", []string{"security-risk:medium"}, reviewer.StatusReviewed, risk.Medium, false, false},
		{"info passes", "success", []string{"security-risk:info"}, reviewer.StatusReviewed, risk.Info, true, false},
		{"failure beats low labels", "failure", []string{"security-risk:low"}, reviewer.StatusBlocked, risk.Low, false, true},
		{"high labels beat success", "success", []string{"security-risk:high"}, reviewer.StatusReviewed, risk.High, false, true},
		{"neutral beats info labels", "neutral", []string{"security-risk:info"}, reviewer.StatusReviewed, risk.Medium, false, true},
		{"no labels is no result", "success", nil, reviewer.StatusReviewFailed, risk.None, false, false},
		{"hostile labels are no result", "success", []string{"security-risk:low\x1b[2J"}, reviewer.StatusReviewFailed, risk.None, false, false},
		{"cancelled is no result", "cancelled", []string{"security-risk:low"}, reviewer.StatusReviewFailed, risk.None, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ghfake.New()
			defer f.Close()
			f.Add("alpha", bump(tt.conclusion, tt.labels...))
			res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
			if err != nil {
				t.Fatal(err)
			}
			v := res.Verdict()
			if v.Status() != tt.status || v.Risk != tt.risk || v.Pass() != tt.pass || v.Inconsistent != tt.inconsist {
				t.Errorf("verdict = %+v (status %s), want status %s risk %s pass %v inconsistent %v", v, v.Status(), tt.status, tt.risk, tt.pass, tt.inconsist)
			}
		})
	}
}

func TestLookupPaginates(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.PageSize = 2
	newer := ghfake.PinBump("alpha", pin, ghfake.Sha("newer"), 3300)
	other := func(id int64, name string) ghfake.Run {
		r := ghfake.PinRun(id, "alpha", "claude", oldPin, pin, "success", "security-risk:low")
		r.Name = name
		return r
	}
	target := bump("neutral", "security-risk:high")
	target.Runs = append([]ghfake.Run{other(1, "ci/validate"), other(2, "security-review/claude/pin/beta"), other(3, "build")}, target.Runs...)
	f.Add("alpha", newer, newer, newer, target, ghfake.PinBump("alpha", ghfake.Sha("older"), oldPin, 3000))
	res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Covers || len(res.Reviews) != 1 || res.Reviews[0].Verdict.Risk != risk.High {
		t.Fatalf("result = %+v", res)
	}
}

func TestLookupStaleAndMissing(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	unreviewed := ghfake.PinBump("alpha", oldPin, pin, 3203)
	older := ghfake.PinBump("alpha", ghfake.Sha("older"), oldPin, 3000, ghfake.PinRun(7, "alpha", "claude", ghfake.Sha("older"), oldPin, "success", "security-risk:low"))
	f.Add("alpha", unreviewed, older)
	f.Add("beta", ghfake.PinBump("beta", oldPin, ghfake.Sha("other"), 1))
	s := newSource(t, f, Options{})
	res, err := look(t, s, "alpha", pin)
	if err != nil {
		t.Fatal(err)
	}
	if res.Covers || len(res.Reviews) != 1 || res.Reviews[0].Head != oldPin {
		t.Fatalf("result = %+v, want the older pin's review, not covering", res)
	}
	if v := res.Verdict(); !v.Stale || !v.Pass() {
		t.Errorf("stale verdict = %+v", v)
	}
	res, err = look(t, s, "beta", pin)
	if err != nil || len(res.Reviews) != 0 || res.Note == "" || res.Verdict().Pass() {
		t.Errorf("beta = %+v, %v: want no review, a note, and no pass", res, err)
	}
}

func TestLookupIgnoresUnexpectedApps(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	c := bump("success", "security-risk:info")
	c.Runs[0].App = "friendly-helper"
	pending := ghfake.PinRun(12, "alpha", "codex", oldPin, pin, "")
	pending.Status = "in_progress"
	c.Runs = append(c.Runs, pending)
	f.Add("alpha", c)
	res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reviews) != 0 || len(res.Ignored) != 2 || res.Verdict().Pass() {
		t.Fatalf("result = %+v: an unexpected app's or a running review must not count", res)
	}
	if !strings.Contains(res.Ignored[0].Reason+res.Ignored[1].Reason, "unexpected GitHub App") {
		t.Errorf("ignored = %+v", res.Ignored)
	}
}

func TestLookupBadAnswers(t *testing.T) {
	tests := []struct {
		name   string
		change func(*ghfake.Change)
		want   error
	}{
		{"title names another server", func(c *ghfake.Change) { c.Runs[0].Title = "Security Review: beta" }, nil},
		{"run on another commit", func(c *ghfake.Change) { c.Runs[0].HeadSHA = ghfake.Sha("elsewhere") }, nil},
		{"report too big", func(c *ghfake.Change) { c.Runs[0].Text = strings.Repeat("A", MaxReportText+1) }, ErrTooBig},
		{"answer too big", func(c *ghfake.Change) { c.Runs[0].Text = strings.Repeat("\x1b", MaxAnswer/6+1) }, ErrTooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ghfake.New()
			defer f.Close()
			c := bump("success", "security-risk:low")
			tt.change(&c)
			f.Add("alpha", c)
			res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
			var ae *AnswerError
			if !errors.As(err, &ae) || ae.Server != "alpha" || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("lookup = %+v, %v; want an AnswerError for alpha (%v)", res, err, tt.want)
			}
		})
	}
}

func TestLookupMixedCaseServer(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.Add("SQLite", ghfake.PinBump("SQLite", oldPin, pin, 9, ghfake.PinRun(5, "SQLite", "claude", oldPin, pin, "success", "security-risk:info")))
	res, err := look(t, newSource(t, f, Options{}), "SQLite", pin)
	if err != nil || len(res.Reviews) != 1 || res.Reviews[0].Verdict.Risk != risk.Info {
		t.Fatalf("SQLite (check run named .../sqlite) = %+v, %v", res, err)
	}
}

func TestLookupNewServer(t *testing.T) {
	f := ghfake.New()
	defer f.Close()
	f.Add("alpha", ghfake.NewServer("alpha", pin, 2900,
		ghfake.NewRun(3, "alpha", "codex", pin, "neutral", "security-risk:medium"),
		ghfake.NewRun(4, "alpha", "claude", pin, "success", "security-risk:low")))
	res, err := look(t, newSource(t, f, Options{}), "alpha", pin)
	if err != nil || !res.Covers || len(res.Reviews) != 2 {
		t.Fatalf("new server = %+v, %v", res, err)
	}
	for _, rv := range res.Reviews {
		if rv.Mode != ModeNew || rv.Base != "" || rv.Head != pin || rv.PRNumber != 2900 {
			t.Errorf("full review = %+v", rv)
		}
	}
	if v := res.Verdict(); v.Risk != risk.Medium || v.Pass() || res.Worst().Agent != "codex" {
		t.Errorf("two agents: verdict %+v, worst %s; want codex's medium to decide", v, res.Worst().Agent)
	}
}

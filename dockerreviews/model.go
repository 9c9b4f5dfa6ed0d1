package dockerreviews

import (
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer"
)

// Mode is the kind of review: a differential review of a pin bump, or a
// full review of a new server.
type Mode string

// Modes, as they appear in check-run names.
const (
	ModePin Mode = "pin"
	ModeNew Mode = "new"
)

// Review is one security-review check run, as this package read it.
type Review struct {
	Server string `json:"server"`
	Agent  string `json:"agent"`
	Mode   Mode   `json:"mode"`
	// Project is the upstream repository URL from the review's link.
	Project string `json:"project,omitempty"`
	// Base..Head is the upstream range reviewed (Base is empty for a full
	// review).
	Base string `json:"base,omitempty"`
	Head string `json:"head"`
	// RegistryCommit is the docker/mcp-registry commit that set the pin;
	// PRHead is the pull request head the check run is attached to.
	RegistryCommit string `json:"registry_commit"`
	PRNumber       int    `json:"pr_number"`
	PRURL          string `json:"pr_url"`
	PRHead         string `json:"pr_head"`
	CheckRunID     int64  `json:"check_run_id"`
	CheckRunURL    string `json:"check_run_url"`
	// App is the slug of the GitHub App that posted the check run.
	App        string    `json:"app"`
	Status     string    `json:"status"`
	Conclusion string    `json:"conclusion"`
	Labels     []string  `json:"labels"`
	Report     string    `json:"report"`
	Time       time.Time `json:"time"`
	// Verdict is what this tool makes of the check run: the labels and the
	// conclusion, the worse of the two when they disagree.
	Verdict reviewer.Verdict `json:"verdict"`
}

// Ignored is a security-review check run left out of the result, and why.
type Ignored struct {
	Name   string `json:"name"`
	App    string `json:"app"`
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Result is what Docker's registry says about one server's pin.
type Result struct {
	Server string `json:"server"`
	Pin    string `json:"pin"`
	// Reviews are the usable check runs, one per agent and mode, of the
	// registry change that set Pin (Covers) or, when that change has none,
	// of the newest earlier change that has some (stale).
	Reviews []Review `json:"reviews"`
	// Covers is true when Reviews are of the change that set Pin.
	Covers bool `json:"covers_pin"`
	// Ignored lists check runs that were not counted (unexpected app,
	// incomplete, skipped).
	Ignored []Ignored `json:"ignored,omitempty"`
	// Note says why there is no review, when there is none.
	Note string `json:"note,omitempty"`
	// FetchedAt is the oldest GitHub answer the result is built from (its
	// age, when read from the cache).
	FetchedAt time.Time `json:"fetched_at"`
	// Offline is true when the result came from the cache only.
	Offline bool `json:"offline"`
}

// Verdict is the worst verdict of the reviews; a result with no review is a
// failed verdict (no review is not "no risk").
func (r *Result) Verdict() reviewer.Verdict {
	if len(r.Reviews) == 0 {
		return reviewer.Verdict{Failed: true, Reasons: []string{"no Docker review: " + r.Note}}
	}
	worst := r.Reviews[0].Verdict
	for _, rv := range r.Reviews[1:] {
		worst = Worse(worst, rv.Verdict)
	}
	if !r.Covers {
		worst.Stale = true
		worst.Reasons = append(worst.Reasons, "the Docker review is of an older pin, not of "+r.Pin)
	}
	return worst
}

// Worse returns the worse of two verdicts, reasons merged.
func Worse(a, b reviewer.Verdict) reviewer.Verdict {
	w := a
	if rank(b) > rank(a) {
		w = b
	}
	w.Reasons = append(append([]string(nil), a.Reasons...), b.Reasons...)
	w.Inconsistent = a.Inconsistent || b.Inconsistent
	return w
}

func rank(v reviewer.Verdict) int {
	switch {
	case v.Failed:
		return 100
	case v.Blocked:
		return 90
	}
	return int(v.Risk)
}

// Slug is the registry workflow's slugify: lower case, every run of other
// characters one "-", none at either end.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// Worst is the review with the worst verdict (the first on a tie); the
// zero Review when there is none.
func (r *Result) Worst() Review {
	var w Review
	for i, rv := range r.Reviews {
		if i == 0 || rank(rv.Verdict) > rank(w.Verdict) {
			w = rv
		}
	}
	return w
}

package ghfake

import (
	"fmt"
	"strings"
	"time"
)

// BetaNotice opens every summary the registry workflow writes.
const BetaNotice = "**⚠️ Beta Feature:** This automated security review is designed to aid human assessment and may contain spurious findings. Please use your judgment when evaluating the results.\n\n"

// PinPatch is the server.yaml patch of a pin bump.
func PinPatch(old, pin string) string {
	return fmt.Sprintf("@@ -8,7 +8,7 @@ source:\n   project: https://github.com/acme/x\n-  commit: %s\n+  commit: %s\n", old, pin)
}

// PinSummary is the summary of a completed differential review, as the
// registry workflow builds it.
func PinSummary(project, base, head string, labels ...string) string {
	s := fmt.Sprintf("%sDifferential review completed ([%s...%s](%s/compare/%s...%s))", BetaNotice, base[:7], head[:7], project, base, head)
	if len(labels) > 0 {
		s += "\nLabels: " + strings.Join(labels, ",")
	}
	return s
}

// NewSummary is the summary of a completed full review.
func NewSummary(project, head string, labels ...string) string {
	s := fmt.Sprintf("%sFull code review completed at [%s](%s/commit/%s)", BetaNotice, head[:7], project, head)
	if len(labels) > 0 {
		s += "\nLabels: " + strings.Join(labels, ",")
	}
	return s
}

// PinRun is a completed differential review check run of server.
func PinRun(id int64, server, agent, base, head, conclusion string, labels ...string) Run {
	return Run{
		ID: id, Name: "security-review/" + agent + "/pin/" + slug(server), App: "mcp-registry-bot",
		Conclusion: conclusion, Title: "Security Review: " + server,
		Summary: PinSummary("https://github.com/acme/"+server, base, head, labels...),
		Text:    "# Security Review\n\nNo issues of note.\n", CompletedAt: time.Date(2026, 5, 5, 9, 0, 0, 0, time.UTC),
	}
}

// Sha makes a deterministic 40-hex id from a seed.
func Sha(seed string) string {
	var b strings.Builder
	h := uint64(14695981039346656037)
	for b.Len() < 40 {
		for _, c := range []byte(seed) {
			h = (h ^ uint64(c)) * 1099511628211
		}
		fmt.Fprintf(&b, "%016x", h)
	}
	return b.String()[:40]
}

// PinBump is a merged pin bump of server from old to pin with runs.
func PinBump(server, old, pin string, pr int, runs ...Run) Change {
	return Change{SHA: Sha("registry/" + server + pin), Patch: PinPatch(old, pin), PR: pr, PRHead: Sha("head/" + server + pin), Runs: runs}
}

// slug is the registry workflow's slugify (lower case, other runs "-").
func slug(s string) string {
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

// NewServer is a merged pull request adding server at pin, with runs.
func NewServer(server, pin string, pr int, runs ...Run) Change {
	patch := fmt.Sprintf("@@ -0,0 +1,5 @@\n+name: %s\n+image: mcp/%s\n+source:\n+  project: https://github.com/acme/%s\n+  commit: %s\n", server, server, server, pin)
	return Change{SHA: Sha("registry/new/" + server + pin), Patch: patch, PR: pr, PRHead: Sha("head/new/" + server + pin), Runs: runs}
}

// NewRun is a completed full review check run of server at head.
func NewRun(id int64, server, agent, head, conclusion string, labels ...string) Run {
	r := PinRun(id, server, agent, head, head, conclusion)
	r.Name = "security-review/" + agent + "/new/" + slug(server)
	r.Summary = NewSummary("https://github.com/acme/"+server, head, labels...)
	return r
}

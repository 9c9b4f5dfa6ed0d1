// Package dockerreviews finds Docker's own security reviews of Docker MCP
// Registry servers: the AI reviews that docker/mcp-registry posts as GitHub
// check runs on the registry pull request that set a server's pin.
//
// # Where the reviews are (public facts, checked in docker/mcp-registry)
//
// Read in the registry's repository at commit 818bf169 (2026-07-08) and its
// history:
//
//   - .github/workflows/update-pins.yaml: the nightly pin updater (cron
//     05:00 UTC) opens one pull request per server from branch
//     automation/update-pin-<server>, commit message and title
//     "chore: update pin for <server>", touching only
//     servers/<server>/server.yaml. It force-pushes the branch when the pin
//     moves again before merge. Merged pull requests are squashed, so the
//     main-branch commit is "chore: update pin for <server> (#N)".
//   - .github/workflows/security-review-changes.yaml as of 8cdae615
//     (2025-11-06; the last public version of the posting code, since
//     d7e12bc9 on 2025-11-20 the trigger dispatches to a private reviewer
//     repository): check runs named security-review/<agent>/pin/<slug>
//     (differential review, old pin to new) and security-review/<agent>/new/<slug>
//     (full review of a new server), on the pull request head commit;
//     <agent> is claude or codex; <slug> is the server name lower-cased
//     with every other run of characters turned into "-". Output title
//     "Security Review: <server>". Summary: a beta notice, then
//     "Differential review completed ([b7...h7](<project>/compare/<base>...<head>))"
//     or "Full code review completed at [h7](<project>/commit/<head>)"
//     (tree/ between ce01712e and 8cdae615; both are read), then "\nLabels: " and up to five labels
//     joined by commas (security-risk:critical|high|medium|low|info,
//     optionally security-blocked). Text: the report, cut at 64,800
//     characters plus a truncation note. Conclusion (determine_conclusion):
//     security-blocked or critical = failure, high or medium = neutral,
//     anything else, an empty labels file included, = success; a review
//     that did not finish = failure with summary "Security review failed to
//     complete"; a repeat without force = skipped.
//   - .github/pin-upgrade-auto-merge-helper-scripts/wait-for-checks.sh
//     requires a check with prefix "security-review/" before auto-merge;
//     validate-pr.sh accepts pin pull requests only from app/mcp-registry-bot.
//
// The app that posts the check runs today is not in the public repository
// (the private reviewer repository posts them); DefaultApps assumes the
// registry's own GitHub App, mcp-registry-bot, plus github-actions, which
// posted them with GITHUB_TOKEN until November 2025. A run from any other
// app is listed as Ignored and never counts.
//
// # How a review is found
//
// Lookup(ctx, server, pin) makes, per server: the commits API on
// servers/<server>/server.yaml (newest first, Link pagination, at most 20
// changes), each commit until the one whose patch adds "commit: <pin>",
// the pull requests of that commit (the one whose merge commit it is), and
// the check runs of the pull request's head (filter=all, so a skipped
// re-run does not hide the completed one; Link pagination). Typically four
// requests; the search API is never used. If the change that set the pin
// has no review, up to three earlier changes are tried and the review found
// is marked as not covering the pin (stale).
//
// # Verdict
//
// Labels are parsed as strictly as local labels.txt (reviewer.ParseLabels);
// no valid label is a failed review, whatever the conclusion (the workflow
// would say success). When labels and conclusion disagree the verdict is
// Inconsistent and the worse counts: failure makes it blocked, neutral at
// least medium. No review, an incomplete or skipped run, or a run from an
// unexpected app is never a pass.
//
// # Network, cache and limits
//
// GitHub is reached through google/go-github with an injectable base URL
// (GitHub Enterprise, or ghfake on loopback) and transport. Every GET goes
// through a cache under CacheDir (one file per URL, header + body, atomic
// replace, checked against its sha256): an answer younger than TTL is used
// with no request, an older one is revalidated with If-None-Match (a 304
// costs no rate limit), and Offline answers from the cache only
// (ErrNotCached otherwise). Answers are capped at MaxAnswer, report texts
// at MaxReportText, and the cache at MaxCacheFiles (oldest removed first). Rate limits (403/429 with X-RateLimit-Remaining: 0,
// secondary limits, Retry-After) are a *RateLimitError: nothing waits.
// A GitHub answer that does not parse, is too big, or names another server
// or commit is an *AnswerError for that server. Report texts are returned
// raw: they are untrusted and must be sanitised before display.
package dockerreviews

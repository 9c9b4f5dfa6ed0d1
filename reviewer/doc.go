// Package reviewer is the deterministic, engine-free half of the isolated
// security review: it checks out the code under review safely, pre-scans it
// without any model, parses and cross-checks what the agent wrote, decides the
// verdict and stores the results.
//
// The pieces, in the order a review uses them:
//
//   - Fetch makes a clean checkout of a head commit from an https URL or a
//     local path the caller names. Git runs with every protocol but https (and
//     file, for a named local path) disabled, hooks off, no submodules, no
//     system or global config, and the head must be the exact 40-hex commit,
//     reachable from a branch or tag of the named repository (an impostor
//     commit that exists only under refs/pull/* or in a fork is refused).
//   - A Scanner runs data-driven rules (DefaultRules) over the added lines of
//     base..head (differential mode) or over the whole tree (full mode). It
//     executes nothing from the source and never follows links out of the
//     checkout.
//   - Extract takes only report.md and labels.txt from the agent's output
//     directory after the agent has stopped: regular files, one link, size
//     capped, opened without following links and without blocking, and removes
//     everything else.
//   - ParseLabels and ParseReport read the agent's outputs strictly; Decide
//     combines them with the agent's exit state and the pre-scan into a
//     Verdict, failing closed.
//   - WriteFinal writes the final report.md (verdict and pre-scan first, then
//     the agent's report) and labels.txt atomically; a Store keeps them by
//     server and commit.
//
// Exit codes are decided by the command layer from Verdict.Pass: 0 when the
// final risk is info or low (or the pre-scan found nothing) and the review
// neither failed, was blocked nor needs a human; 1 otherwise (medium and above,
// blocked, review failed, needs human review).
//
// Everything read from the code under review or written by the agent is
// untrusted: Finding excerpts, file names and git error text are returned raw,
// and callers sanitise them before they reach a terminal. The package never
// prints and keeps no global mutable state.
package reviewer

// Package reviewer is the isolated security review. Its deterministic,
// engine-free half checks out the code under review safely, pre-scans it
// without any model, parses and cross-checks what the agent wrote, decides
// the verdict and stores the results; its engine half (Run) runs the agent
// in a Compose project.
//
// The pieces, in the order a review uses them:
//
//   - Fetch makes a clean checkout of a head commit from an https URL or a
//     local path the caller names. Git runs with every protocol but https (and
//     file, for a named local path) disabled, hooks off, no submodules, no
//     system or global config, and the head must be the exact 40-hex commit,
//     reachable from a branch or tag of the named repository (an impostor
//     commit that exists only under refs/pull/* or in a fork is refused).
//   - A prescan.Scanner (package reviewer/prescan) runs data-driven rules
//     (prescan.DefaultRules) over the added lines of base..head
//     (differential mode, Checkout.Prescan) or over the whole tree (full
//     mode). It executes nothing from the source and never follows links
//     out of the checkout.
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
// Run strings it together. It checks the Docker engine first (an
// *engine.Engine from package reviewer/engine, which runs the docker client
// and Compose v2 or v1 as commands and generates the Compose project) and
// refuses a real agent on an engine without the CVE-2024-29018 fix unless
// Request.AllowOldEngine; then it fetches and pre-scans, and writes a
// private Compose project generated from Go structs: the agent, non-root
// with no capabilities, a read-only root, tmpfs scratch, memory and pid
// limits, the source read-only at /src outside its working directory and
// /out as its only writable host path, on an internal network whose bridge
// has no host address; and the proxy (package reviewer/proxy, the same
// mcptrust binary in a FROM-scratch image), equally hardened, on that
// network and an egress one, holding the API key as a Compose secret
// file. The agent has only a per-run token. After the agent exits or the
// timeout passes, the project is removed, and only then are its outputs
// extracted, the verdict decided and the final report written.
//
// Exit codes are decided by the command layer from Verdict.Pass: 0 when the
// final risk is info or low (or the pre-scan found nothing) and the review
// neither failed, was blocked nor needs a human; 1 otherwise (medium and above,
// blocked, review failed, needs human review).
//
// Everything read from the code under review or written by the agent is
// untrusted: prescan.Finding excerpts, file names and git error text are
// returned raw, and callers sanitise them before they reach a terminal. The
// package never prints and keeps no global mutable state.
//
// Its parts: reviewer/risk (the severity scale, a leaf), reviewer/prescan,
// reviewer/engine, reviewer/proxy (the key-holding proxy), and, internal to
// the reviewer, reviewer/internal/fsafe (reading and writing files without
// following links, atomically) and reviewer/internal/proc (process groups
// and capped output for git and Compose). The store stays here with the
// verdict model it stores. Run takes functional options (RunOption), as
// Fetch does (FetchOption), prescan.NewScanner (prescan.Option) and
// engine.New (engine.Option).
package reviewer

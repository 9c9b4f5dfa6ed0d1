// Package catalog reads the Docker MCP Catalog in every form it comes in and
// decides, from trusted fields only, how much each entry can be trusted.
//
// # Sources
//
// Load(ctx, spec, opts...) takes one source spec:
//
//   - "demo" (DemoSpec): a fictional catalog embedded in the binary, covering
//     every tier and pin state, with one entry of hostile text.
//   - a directory: a docker/mcp-registry checkout (has servers/), its
//     servers/ directory, or one server's directory (has server.yaml).
//   - a file: a published catalog YAML (top-level registry: map), a catalog
//     artifact JSON ({title, servers: [...]}) or a single server.yaml.
//   - an https:// URL (http:// only to loopback hosts), cached with
//     WithCacheDir: a copy younger than CacheTTL is used without network; an
//     older one is refetched; if that fails the old copy is used and the
//     catalog is marked Stale with its original FetchedAt. Cache entries are
//     bound to the machine by an HMAC under a key in the cache directory; an
//     entry without a valid one is a miss, never an error. DefaultURL is the
//     official v3 catalog; Load never contacts it unless asked to.
//   - oci://REF: a catalog artifact pulled by the WithOCI function.
//
// Load does no network I/O except through the Fetcher (WithFetcher) and the
// OCI function, never prints, and keeps no global state.
//
// # Safety
//
// Inputs are size-capped before parsing (1 MiB per server.yaml, 64 MiB per
// catalog); files inside a checkout are opened with O_NOFOLLOW|O_NONBLOCK
// and must be regular files; every document must be exactly one YAML
// document with no anchors, aliases, merge keys, duplicate or complex keys,
// custom tags, or nesting deeper than 64; scalars are read from their raw
// text, so "commit: 0x1f" is the malformed pin "0x1f" and an unquoted
// 40-digit commit stays that literal string. Unknown keys are kept in
// Server.UnknownKeys, never fatal. Big published catalogs in plain block
// layout are cut at entry boundaries and parsed in parallel; anything
// unusual is parsed whole (see cut.go for why both mean the same).
//
// # Errors
//
// Load and Lint return three error types, kept distinct for exit codes:
//
//   - *InputError: the input is unusable (missing path, unreadable or empty
//     directory, oversize or non-regular file, unsupported source, no OCI
//     function). Exit 2.
//   - *ParseError: a document was read but is not acceptable; Error() reads
//     "FILE:LINE: FIELD: message" on one line. Exit 2.
//   - *FetchError: a URL or OCI catalog could not be fetched (network,
//     timeout, HTTP status, cut-off body) and no cached copy exists. Exit 3.
//
// All have Unwrap; sentinels such as ErrTooLarge, ErrNotRegular,
// ErrNoServers, ErrDuplicateKey and ErrBadPin work with errors.Is. A bad
// file inside a checkout is not an error: it becomes a Problem in
// Catalog.Problems and the other entries still load.
//
// Names are keys (THREATS A11). Every loader refuses, as a Problem, an entry
// whose name holds a control, bidi or invisible character (bad-name) and
// every entry of a name defined more than once (duplicate-name: no entry
// wins); in a checkout, servers/DIR/server.yaml whose name is not DIR
// (name-mismatch), so a folder cannot answer for another server.
// Catalog.Refused tells a caller why a name it asked for is missing.
//
// # Trust
//
// Trust levels have two axes, each with a reason: Build (docker-built,
// publisher-image, remote) and PublisherLevel (known-publisher, community).
// With PinState (pinned, unpinned, malformed, none) and the older one-axis
// Tier (kept for JSON users) they are computed from type, image,
// source.commit, source.project, the "community" tag and the publishers list
// (DefaultPublishers built in; LoadPublishers, WithPublishers,
// WithPublishersFrom). Titles, descriptions and other free text never change
// a level. The reasons are plain sentences that quote only checked or
// escaped values.
//
// # JSON contract
//
// Catalog, Server, Problem and LintReport marshal to the stable
// `--format json` shape. Keys are snake_case throughout, like every JSON
// contract of mcptrust (YAML toolsUrl becomes tools_url). Every key is
// always present: strings as "" when empty, lists as [], maps as {}, numbers
// as 0; only "remote" is null when the entry has no remote block. Server
// keys:
//
//	name type image digest title description icon category tags
//	source{project upstream branch commit directory dockerfile build_target}
//	remote{transport_type url headers} run{command volumes user allow_hosts disable_network}
//	secrets oauth[{provider secret env}] metadata{owner license pulls stars github_stars}
//	readme tools_url date_added owner pin build build_reason publisher
//	publisher_reason tier tier_reason known_publisher
//	origin{file line} unknown_keys
//
// Catalog keys: source kind name display_name servers fetched_at (RFC 3339)
// from_cache stale stale_reason problems. Problem keys: file line field rule
// severity message, and from Lint only origin ("registry" or "mcptrust")
// and, on a notice, exception. LintReport keys: checked problems.
//
// The model keeps untrusted text raw. The JSON encoding is terminal-safe:
// besides encoding/json's escapes, C1 controls, bidi controls, zero-width
// and tag characters are written as \u escapes (same meaning, no effect on
// a terminal). Error strings and Problem.String() escape them as well.
// Renderers of the raw fields must escape them themselves.
package catalog

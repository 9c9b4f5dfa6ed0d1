// Package lock reads, writes and compares mcptrust.lock: trust on first use
// for catalog servers. For each server the file records what a successful
// verification established (the digest and platform digests, the pin, the
// signer key's fingerprint, the Rekor log index, the image and source
// repositories, the catalog, the time), so a later run can say what changed
// under a server the user already trusted.
//
// The file is JSON, indented, with servers sorted by name and one server per
// block, so it diffs well in review. It is written atomically (a temporary
// file in the same directory, synced, then renamed) and parsed as strictly
// as catalog files: a size cap, caps on servers and strings, no duplicate
// keys, no unknown fields, no trailing data, every value validated. A
// malformed file is a *ParseError naming the file.
//
// The package knows nothing of registries or commands: the command layer
// builds Entries from verification results.
package lock

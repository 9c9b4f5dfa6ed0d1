// Package demo builds the offline demo world: a real OCI registry on
// loopback, seeded with images for every demo catalog entry that has one,
// signed the way Docker's pipeline signs mcp/* images (with a demo key and a
// demo transparency log generated on the spot), some of them broken on
// purpose so that verification has something to catch. The catalog returned
// points at the local registry. Each entry carries the verdict the demo
// expects, so `mcptrust demo` can check itself.
package demo

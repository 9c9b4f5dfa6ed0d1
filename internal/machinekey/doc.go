// Package machinekey keeps the random key that binds a cache's entries to
// this machine. A cache directory sits where other tools and synced
// dotfiles write too; an entry carrying an HMAC under a key created here
// on first use cannot be planted or copied from elsewhere: it misses.
// (Whoever can write files as this user can also replace the key; the MAC
// does not defend against that.)
//
// The key is one file of exactly Size random bytes, a regular file (never
// read through a link) that only its owner may read or write. Anything
// else is not a key: a reader misses, a writer replaces it. Two processes
// creating it at once agree on one key.
//
// Standard library only: catalog and verify import it.
package machinekey

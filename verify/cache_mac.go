package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"

	"github.com/mcp-trust/mcp-trust/internal/machinekey"
)

// The verdict cache lives in the Docker config dir, where other tools and
// synced dotfiles write too. A planted entry must not forge a verified
// verdict, so every entry is bound to this machine: its first line is an
// HMAC-SHA256, under a random key created here on first use (kept by
// internal/machinekey), over the entry's cache key and data. A copied or
// hand-written entry misses and the image is verified in full. (Whoever can write files as this user can also
// replace the MAC key; the MAC does not defend against that.)

// macKeyFile is the MAC key's file in the cache dir (internal/machinekey
// keeps it).
const macKeyFile = "verdicts.key"

// macLen is the hex MAC's length on an entry's first line.
const macLen = 2 * sha256.Size

// entryMAC is the HMAC of one entry, bound to its cache key.
func entryMAC(mk []byte, key string, data []byte) []byte {
	return machinekey.MAC(mk, []byte("mcptrust verdict cache v1"), []byte(key), data)
}

// sealEntry is what an entry file holds: the hex MAC, a newline, the data.
func sealEntry(mk []byte, key string, data []byte) []byte {
	out := make([]byte, 0, macLen+1+len(data))
	out = hex.AppendEncode(out, entryMAC(mk, key, data))
	out = append(out, '\n')
	return append(out, data...)
}

// openEntry checks an entry file's MAC and returns its data.
func openEntry(mk []byte, key string, raw []byte) ([]byte, bool) {
	macHex, data, ok := bytes.Cut(raw, []byte("\n"))
	if !ok || len(macHex) != macLen || len(data) > cacheLimit {
		return nil, false
	}
	mac := make([]byte, sha256.Size)
	if _, err := hex.Decode(mac, macHex); err != nil {
		return nil, false
	}
	if !hmac.Equal(mac, entryMAC(mk, key, data)) {
		return nil, false
	}
	return data, true
}

package catalog

import (
	"crypto/hmac"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/machinekey"
)

// The cache directory sits in the Docker config dir, where other tools and
// synced dotfiles write too. A planted download or compact form would make
// a load return pins other than the source's (`verify NAME` would then
// check the planted pin), so every entry is bound to this machine: its
// header carries an HMAC-SHA256, under a random key created in the cache
// directory on first use (internal/machinekey), over the entry's kind, its
// key (the URL, or "file:PATH"), the source's SHA-256 and the header's
// size and SHA-256 of the body (which the body is checked against), and
// for a download its fetch time. An entry without a valid MAC (copied from
// another machine or directory, written by hand, written before MACs, or
// with the key missing or not owner-only) is a miss: the file is parsed or
// the URL fetched as without it, and the entry rewritten. (Whoever can
// write files as this user can also replace the key; the MAC does not
// defend against that.)

// cacheKeyFile is the MAC key's file in the cache dir.
const cacheKeyFile = "catalog.key"

// errNoCacheKey: no MAC key, so no entry is trusted or written.
var errNoCacheKey = errors.New("catalog cache: no usable MAC key")

// openKey returns the key entries are checked under; nil when there is
// none, and every entry misses.
func (c *config) openKey() []byte {
	if c.keys == nil {
		return nil
	}
	k, err := c.keys.Get(false)
	if err != nil {
		return nil
	}
	return k
}

// sealKey returns the key entries are written under, created on first use.
func (c *config) sealKey() ([]byte, error) {
	if c.keys == nil {
		return nil, errNoCacheKey
	}
	return c.keys.Get(true)
}

// downloadMAC is the hex MAC of a cached download's header.
func downloadMAC(key []byte, h cacheHeader) string {
	return hex.EncodeToString(machinekey.MAC(key, []byte("mcptrust catalog download v1"), []byte(h.URL),
		[]byte(h.FetchedAt.UTC().Format(time.RFC3339Nano)), []byte(strconv.Itoa(h.Size)), []byte(h.SHA256)))
}

// parsedMAC is the hex MAC of a compact form's header.
func parsedMAC(key []byte, h parsedHeader) string {
	return hex.EncodeToString(machinekey.MAC(key, []byte("mcptrust catalog parsed v1"), []byte(strconv.Itoa(h.Format)),
		[]byte(h.URL), []byte(h.Source), []byte(strconv.Itoa(h.Size)), []byte(h.SHA256)))
}

// macOK reports whether mac is want, in constant time; without a key
// nothing matches.
func macOK(key []byte, mac, want string) bool {
	return key != nil && hmac.Equal([]byte(mac), []byte(want))
}

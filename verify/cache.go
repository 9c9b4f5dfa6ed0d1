package verify

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/mcp-trust/mcp-trust/internal/machinekey"
)

// Cache stores verified results by key. A result is a pure function of its
// inputs (the target, the digest, the signing key, the transparency-log
// trust, the options that change a verdict, and the content digest of the
// signature manifest), and the key is a hash of all of them, so a cached
// verdict never outlives its inputs. Implementations must be safe for
// concurrent use; a Get that fails for any reason is a miss.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte) error
}

// WithCache makes Verify look a verified result up before verifying: one
// manifest HEAD to resolve the tag and, when there is an entry, one HEAD of
// the signature tag, beside the tag's HEAD: when the digest is pinned its
// signature tag is known, and otherwise the digest last verified for the
// target is guessed (a wrong guess costs the right signature HEAD after the
// tag's). The entry counts only if the signature
// manifest's digest is the one that was verified. A hit is returned as it
// was verified, with the tag report refreshed; anything that changed misses
// and is verified in full. Only verified results whose passing signature is
// a classic .sig signature are stored.
func WithCache(c Cache) Option {
	return func(cfg *config) error {
		if c == nil {
			return errors.New("setting cache: nil cache")
		}
		cfg.cache = c
		return nil
	}
}

// cacheLimit caps one cached result.
const cacheLimit = 1 << 20

// DirCache is a Cache of one file per key in Dir, written atomically and
// readable only by the user. Each entry carries an HMAC under a random key
// kept in the same directory (see cache_mac.go), so an entry copied from
// another machine or written by hand is a miss. The zero value is not
// usable; use NewDirCache. Safe for concurrent use.
type DirCache struct {
	dir string

	key *machinekey.Key // the MAC key, read or created once

	prepOnce sync.Once
	prepDone chan struct{} // closed when prepare's work is over
}

// NewDirCache returns the cache kept in dir (created on the first Put).
func NewDirCache(dir string) *DirCache {
	return &DirCache{dir: dir, key: machinekey.New(dir, macKeyFile)}
}

var cacheKeyRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{64}$`) })

// Get reads the entry for key, at most 1 MiB, and returns its data when
// its MAC is valid under this machine's key. Anything else is a miss.
func (d *DirCache) Get(key string) ([]byte, bool) {
	if !cacheKeyRE().MatchString(key) {
		return nil, false
	}
	mk, err := d.key.Get(false)
	if err != nil {
		return nil, false
	}
	f, err := os.Open(filepath.Join(d.dir, key+".json"))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, cacheLimit+macLen+2))
	if err != nil || len(raw) > cacheLimit+macLen+1 {
		return nil, false
	}
	return openEntry(mk, key, raw)
}

// prepare creates the directory and the MAC key, when missing, in the
// background: a verify starts it before its requests, so those file
// creations overlap the registry's answers instead of delaying the Put at
// its end. Errors are left for Put to meet again. Only the first call does
// anything.
func (d *DirCache) prepare() {
	d.prepOnce.Do(func() {
		d.prepDone = make(chan struct{})
		go func() {
			defer close(d.prepDone)
			if os.MkdirAll(d.dir, 0o700) == nil {
				_, _ = d.key.Get(true)
			}
		}()
	})
}

// waitPrepared returns once prepare's work, if it was started, is over,
// so no file is left half-written when the process ends.
func (d *DirCache) waitPrepared() {
	d.prepOnce.Do(func() {
		d.prepDone = make(chan struct{})
		close(d.prepDone)
	})
	<-d.prepDone
}

// cachePreparer is a Cache that can get ready for a Put ahead of time.
type cachePreparer interface {
	prepare()
	waitPrepared()
}

// Put writes the entry for key with its MAC: a temporary file, then a
// rename.
func (d *DirCache) Put(key string, data []byte) error {
	if !cacheKeyRE().MatchString(key) {
		return fmt.Errorf("cache key %q: want 64 hex digits", key)
	}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return fmt.Errorf("writing verdict cache: %w", err)
	}
	mk, err := d.key.Get(true)
	if err != nil {
		return fmt.Errorf("writing verdict cache: %w", err)
	}
	if err := writeAtomic(d.dir, key+".json", sealEntry(mk, key, data)); err != nil {
		return fmt.Errorf("writing verdict cache: %w", err)
	}
	return nil
}

// writeAtomic replaces dir/name with data through a temporary file (mode
// 0600). It does not fsync: a verdict lost in a crash is only re-verified,
// and every verify writes one (the machine key, which must survive, is
// written by machinekey, which syncs).
func writeAtomic(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}

// cacheKey hashes every input of a verdict. Each part is length-prefixed,
// so no two input lists hash alike by shifting bytes between parts.
// The signature manifest's digest is not in the key but in the entry, so a
// run that has no entry for a pinned digest misses without a request.
func (r *run) cacheKey(digest string) string {
	cfg := r.v.cfg
	trust := cfg.trustID
	if trust == nil {
		trust = sigstoreTrustedRoot
	}
	target, _ := json.Marshal(r.p.target)
	opts, _ := json.Marshal(struct {
		IgnoreTlog, RequireProvenance bool
		Platform                      string
		Limits                        Limits
	}{cfg.ignoreTlog, cfg.requireProvenance, cfg.platform, cfg.limits})
	h := sha256.New()
	for _, part := range [][]byte{[]byte("mcptrust verdict v1"), target, []byte(digest), cfg.keyPEM, trust, opts} {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// bytesJoin length-prefixes and joins parts.
func bytesJoin(parts [][]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = binary.BigEndian.AppendUint64(out, uint64(len(p)))
		out = append(out, p...)
	}
	return out
}

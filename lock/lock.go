package lock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Version is the lock file format version this package reads and writes.
const Version = 1

// DefaultPath is the lock file's name when none is given.
const DefaultPath = "mcptrust.lock"

// File is a lock file.
type File struct {
	Version int              `json:"version"`
	Servers map[string]Entry `json:"servers"`
}

// Entry is what was verified for one server.
type Entry struct {
	// Image is the image repository as the catalog names it, without tag or
	// digest.
	Image string `json:"image"`
	// Digest is the verified manifest (or index) digest.
	Digest string `json:"digest"`
	// Platforms maps each checked platform of an index to its manifest
	// digest.
	Platforms map[string]string `json:"platforms,omitempty"`
	// Pin is the commit the catalog pinned and the signature carried.
	Pin string `json:"pin"`
	// SignerKey is sha256:<hex> of the signing key's PKIX DER.
	SignerKey string `json:"signer_key"`
	// RekorLogIndex is the transparency-log index of the signature, when
	// the log was checked.
	RekorLogIndex *int64 `json:"rekor_log_index,omitempty"`
	// Source is the catalog's source.project.
	Source string `json:"source,omitempty"`
	// Catalog is where the pin came from.
	Catalog string `json:"catalog"`
	// LockedAt is when the entry was written.
	LockedAt time.Time `json:"locked_at"`
}

// New returns an empty lock file.
func New() *File { return &File{Version: Version, Servers: map[string]Entry{}} }

// Names returns the locked server names, sorted.
func (f *File) Names() []string { return slices.Sorted(maps.Keys(f.Servers)) }

// Marshal renders f: indented JSON, servers sorted by name (encoding/json
// sorts map keys), one block per server, a final newline.
func (f *File) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encoding lock file: %w", err)
	}
	return b.Bytes(), nil
}

// Change is one field of a locked server that differs now.
type Change struct {
	Field    string // digest, pin, signer_key, image, source
	Old, New string
}

// Diff lists the fields that make a changed server a trust failure: the
// digest, the pin, the signer key, the image repository and the source
// repository. Platform digests are covered by the digest; the log index,
// catalog and time are news, not a change of what runs.
func Diff(old, cur Entry) []Change {
	var out []Change
	for _, c := range []Change{
		{"digest", old.Digest, cur.Digest},
		{"pin", old.Pin, cur.Pin},
		{"signer_key", old.SignerKey, cur.SignerKey},
		{"image", old.Image, cur.Image},
		{"source", old.Source, cur.Source},
	} {
		if c.Old != c.New {
			out = append(out, c)
		}
	}
	return out
}

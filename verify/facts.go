package verify

import (
	"crypto/sha256"
	"encoding/hex"
)

// Facts are what a verification established besides its checks, for a lock
// file: they are not part of the --format json contract.
type Facts struct {
	// SignerKey is sha256:<hex> of the PKIX DER of the key signatures were
	// checked under.
	SignerKey string
	// Platforms maps each checked platform of an index (linux/arm64) to its
	// manifest digest; nil for a single manifest.
	Platforms map[string]string
	// RekorLogIndex is the transparency-log index of the signature whose
	// proof passed; nil when the log was not checked or did not pass.
	RekorLogIndex *int64
	// Cached is true when the result came from the verdict cache.
	Cached bool
}

// KeyFingerprint is sha256:<hex> of the PKIX DER of the signing key.
func (v *Verifier) KeyFingerprint() string {
	sum := sha256.Sum256(v.key.DER())
	return "sha256:" + hex.EncodeToString(sum[:])
}

// facts fills Result.Facts once the checks are done.
func (r *run) facts() {
	r.res.Facts.SignerKey = r.v.KeyFingerprint()
	if c := r.res.Check(CheckRevisionLabel); c != nil {
		for _, d := range c.Detail {
			if d.Status == StatusPass && d.Digest != "" {
				if r.res.Facts.Platforms == nil {
					r.res.Facts.Platforms = map[string]string{}
				}
				r.res.Facts.Platforms[d.Subject] = d.Digest
			}
		}
	}
}

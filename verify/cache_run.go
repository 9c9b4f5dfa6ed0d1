package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/google/go-containerregistry/pkg/name"
)

// cachedEntry is what the cache holds for one verified result.
type cachedEntry struct {
	Result    *Result `json:"result"`
	Facts     Facts   `json:"facts"`
	SigDigest string  `json:"sig_digest"` // the signature manifest that was verified
}

// fromCache returns the cached result for this target when every input is
// unchanged, else nil. Any error is a miss.
func (r *run) fromCache(ctx context.Context) *Result {
	if r.pinCheck().Status != StatusPass || r.checkPolicy() != nil || r.connect(ctx) != nil {
		return nil
	}
	if p, ok := r.v.cfg.cache.(cachePreparer); ok {
		p.prepare() // waited for by store
	}
	if r.p.digest != "" {
		return r.pinnedFromCache(ctx)
	}
	return r.tagFromCache(ctx)
}

// pinnedFromCache costs one round trip: the signature's HEAD, and beside it
// the tag's, whose digest is only reported.
func (r *run) pinnedFromCache(ctx context.Context) *Result {
	e := r.lookup(r.p.digest)
	if e == nil {
		return nil
	}
	var tagDigest string
	var tagErr error
	var wg sync.WaitGroup
	if r.p.tag != "" {
		wg.Add(1)
		go func() { defer wg.Done(); tagDigest, tagErr = r.headDigest(ctx, r.img, r.p.repo, r.p.tag) }()
	}
	same := r.sigUnchanged(ctx, e)
	wg.Wait()
	if !same {
		return nil
	}
	res := r.hit(e)
	res.TagDigest, res.Moved = "", false
	r.res = res
	if c := res.Check(CheckDigest); c != nil {
		*c = r.pinnedDigestCheck(tagDigest, tagErr)
		c.Reason = r.redact(c.Reason)
	}
	return res
}

// tagFromCache resolves the tag with a GET (the same round trip as a HEAD,
// a digest computed from the bytes, and on a miss the verify goes on with
// this manifest instead of asking again: see getTag). The digest last verified for
// this target (its tag entry) is the guess: that signature's HEAD goes out
// beside the tag's, so an unchanged tag costs one round trip. A tag that
// moved to another cached digest costs that signature's HEAD after it.
// The guess only chooses a request: a hit still needs the tag to resolve to
// the entry's digest and the signature manifest to be the verified one.
func (r *run) tagFromCache(ctx context.Context) *Result {
	guess := r.lookupKey(r.tagKey())
	guessSame := false
	var wg sync.WaitGroup
	if guess != nil {
		wg.Add(1)
		go func() { defer wg.Done(); guessSame = r.sigUnchanged(ctx, guess) }()
	}
	f, err := r.getTag(ctx)
	wg.Wait()
	if err != nil {
		return nil
	}
	digest := f.digest
	r.tagManifest = f
	switch {
	case guess != nil && guess.Result.Digest == digest:
		if !guessSame {
			return nil
		}
		return r.hit(guess)
	}
	e := r.lookup(digest)
	if e == nil || !r.sigUnchanged(ctx, e) {
		return nil
	}
	return r.hit(e)
}

// sigUnchanged reports whether the signature manifest of the entry's digest
// is still the one that was verified.
func (r *run) sigUnchanged(ctx context.Context, e *cachedEntry) bool {
	d, err := r.headDigest(ctx, r.sig, r.p.sigRepo, sigTag(e.Result.Digest))
	return err == nil && d == e.SigDigest
}

// hit is the cached result, as it was verified, for this target.
func (r *run) hit(e *cachedEntry) *Result {
	res := e.Result
	res.Target, res.Facts = r.p.target, e.Facts
	res.Facts.Cached = true
	return res
}

// tagKey is the key of the target's tag entry: every input but the digest.
func (r *run) tagKey() string { return r.cacheKey("") }

// lookup reads and checks the entry for digest.
func (r *run) lookup(digest string) *cachedEntry {
	e := r.lookupKey(r.cacheKey(digest))
	if e == nil || e.Result.Digest != digest {
		return nil
	}
	return e
}

// lookupKey reads an entry and checks it is a verified result.
func (r *run) lookupKey(key string) *cachedEntry {
	data, ok := r.v.cfg.cache.Get(key)
	if !ok {
		return nil
	}
	var e cachedEntry
	if json.Unmarshal(data, &e) != nil || e.Result == nil || e.Result.Verdict != VerdictVerified ||
		!digestRE().MatchString(e.Result.Digest) || !digestRE().MatchString(e.SigDigest) {
		return nil
	}
	return &e
}

// headDigest asks for a manifest's digest without its body. The answer is
// the registry's claim; it is used only as a cache key, and a hit returns a
// result for that digest, which is what the user is told to run.
func (r *run) headDigest(ctx context.Context, c *client, repo name.Repository, ref string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	path := repo.RepositoryStr() + "/manifests/" + ref
	hdr := http.Header{"Accept": {acceptManifests}}
	resp, err := c.do(ctx, http.MethodHead, c.base+"/v2/"+path, hdr, nil)
	if err == nil && resp.StatusCode == http.StatusUnauthorized && c.lazy != nil {
		resp, err = c.authenticateAndRetry(ctx, resp, http.MethodHead, path, hdr)
	}
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	d := resp.Header.Get("Docker-Content-Digest")
	if resp.StatusCode != http.StatusOK || !digestRE().MatchString(d) {
		return "", fmt.Errorf("HEAD %s: %s, digest %q", path, resp.Status, d)
	}
	return d, nil
}

// store caches a verified result whose passing signature is a classic
// .sig signature, with the digest of the signature manifest that was
// actually read; for a target without a pinned digest, also as its tag
// entry (the guess of the next run). Failures to store are ignored: the cache is an
// optimisation.
func (r *run) store() {
	if p, ok := r.v.cfg.cache.(cachePreparer); ok {
		defer p.waitPrepared()
	}
	if r.res.Verdict != VerdictVerified || r.sigDigest == "" || !r.classicOK {
		return
	}
	data, err := json.Marshal(cachedEntry{Result: r.res, Facts: r.res.Facts, SigDigest: r.sigDigest})
	if err != nil {
		return
	}
	_ = r.v.cfg.cache.Put(r.cacheKey(r.res.Digest), data)
	if r.p.digest == "" {
		_ = r.v.cfg.cache.Put(r.tagKey(), data)
	}
}

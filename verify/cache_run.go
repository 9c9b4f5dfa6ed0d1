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
	digest, tagDigest, tagErr := r.p.digest, "", error(nil)
	if digest == "" {
		if digest, tagErr = r.headDigest(ctx, r.img, r.p.repo, r.p.tag); tagErr != nil {
			return nil
		}
	}
	e := r.lookup(digest)
	if e == nil {
		return nil
	}
	var wg sync.WaitGroup
	if r.p.digest != "" && r.p.tag != "" {
		wg.Add(1)
		go func() { defer wg.Done(); tagDigest, tagErr = r.headDigest(ctx, r.img, r.p.repo, r.p.tag) }()
	}
	sigDigest, err := r.headDigest(ctx, r.sig, r.p.sigRepo, sigTag(digest))
	wg.Wait()
	if err != nil || sigDigest != e.SigDigest {
		return nil
	}
	res := e.Result
	res.Target, res.Facts = r.p.target, e.Facts
	res.Facts.Cached = true
	if r.p.digest != "" {
		res.TagDigest, res.Moved = "", false
		r.res = res
		if c := res.Check(CheckDigest); c != nil {
			*c = r.pinnedDigestCheck(tagDigest, tagErr)
			c.Reason = r.redact(c.Reason)
		}
	}
	return res
}

// lookup reads and checks the entry for digest.
func (r *run) lookup(digest string) *cachedEntry {
	data, ok := r.v.cfg.cache.Get(r.cacheKey(digest))
	if !ok {
		return nil
	}
	var e cachedEntry
	if json.Unmarshal(data, &e) != nil || e.Result == nil || e.Result.Verdict != VerdictVerified ||
		e.Result.Digest != digest || !digestRE.MatchString(e.SigDigest) {
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
	if resp.StatusCode != http.StatusOK || !digestRE.MatchString(d) {
		return "", fmt.Errorf("HEAD %s: %s, digest %q", path, resp.Status, d)
	}
	return d, nil
}

// store caches a verified result whose passing signature is a classic
// .sig signature, with the digest of the signature manifest that was
// actually read. Failures to store are ignored: the cache is an
// optimisation.
func (r *run) store() {
	if r.res.Verdict != VerdictVerified || r.sigDigest == "" || !r.classicOK {
		return
	}
	data, err := json.Marshal(cachedEntry{Result: r.res, Facts: r.res.Facts, SigDigest: r.sigDigest})
	if err != nil {
		return
	}
	_ = r.v.cfg.cache.Put(r.cacheKey(r.res.Digest), data)
}

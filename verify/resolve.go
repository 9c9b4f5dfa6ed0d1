package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// resolve fetches the manifest to verify, once: by digest when the catalog
// or the Ref pinned one (the tag is read beside it only to report whether it
// moved), else by tag, hashing the bytes ourselves. Every later request uses
// the digest (THREATS C1).
func (r *run) resolve(ctx context.Context) (*manifestDoc, Check) {
	if err := r.checkPolicy(); err != nil {
		return nil, checkFrom(CheckDigest, err, "")
	}
	if err := r.connect(ctx); err != nil {
		return nil, checkFrom(CheckDigest, err, "")
	}
	if r.p.digest == "" {
		return r.resolveTag(ctx)
	}
	var tagDigest string
	var tagErr error
	var wg sync.WaitGroup
	if r.p.tag != "" {
		wg.Add(1)
		go func() { defer wg.Done(); tagDigest, tagErr = r.tagDigest(ctx) }()
	}
	f, err := r.img.getByDigest(ctx, r.p.repo, "manifests", r.p.digest, acceptManifests, r.v.cfg.limits.ManifestBytes)
	wg.Wait()
	if err != nil {
		return nil, checkFrom(CheckDigest, r.manifestErr(err, r.p.digest), "")
	}
	doc, err := parseManifest(f)
	if err != nil {
		return nil, checkFrom(CheckDigest, err, "")
	}
	r.setDigest(f.digest)
	return doc, r.pinnedDigestCheck(tagDigest, tagErr)
}

// pinnedDigestCheck reports a verified pinned digest with the tag beside it.
// A moved tag is news, not a failure: the pinned digest is what runs.
func (r *run) pinnedDigestCheck(tagDigest string, tagErr error) Check {
	c := Check{Name: CheckDigest, Status: StatusPass, Reason: "pinned digest " + r.p.digest + " verified"}
	switch {
	case r.p.tag == "":
	case tagErr != nil:
		c.Detail = []Detail{{Subject: "tag " + r.p.tag, Status: statusOf(tagErr), Reason: "could not read the tag: " + tagErr.Error()}}
	default:
		r.res.TagDigest = tagDigest
		r.res.Moved = tagDigest != r.p.digest
		if r.res.Moved {
			c.Reason += fmt.Sprintf("; tag %s now points to %s", r.p.tag, tagDigest)
		} else {
			c.Reason += fmt.Sprintf("; tag %s still points to it", r.p.tag)
		}
	}
	return c
}

// resolveTag reads the manifest by tag and pins its computed digest.
func (r *run) resolveTag(ctx context.Context) (*manifestDoc, Check) {
	f, err := r.getTag(ctx)
	if err != nil {
		return nil, checkFrom(CheckDigest, err, "")
	}
	doc, err := parseManifest(f)
	if err != nil {
		return nil, checkFrom(CheckDigest, err, "")
	}
	r.setDigest(f.digest)
	return doc, Check{Name: CheckDigest, Status: StatusPass, Reason: fmt.Sprintf("tag %s resolved to %s", r.p.tag, f.digest)}
}

// getTag GETs the manifest by tag. The digest is computed from the bytes;
// a Docker-Content-Digest header that disagrees is a lie (THREATS C2). A
// manifest the cache check already read this way is used once instead.
func (r *run) getTag(ctx context.Context) (*fetched, error) {
	if f := r.tagManifest; f != nil {
		r.tagManifest = nil
		return f, nil
	}
	f, err := r.img.get(ctx, r.p.repo.RepositoryStr()+"/manifests/"+r.p.tag, acceptManifests, r.v.cfg.limits.ManifestBytes)
	if err != nil {
		return nil, r.manifestErr(err, r.p.tag)
	}
	if f.headerDig != "" && f.headerDig != f.digest {
		return nil, trustf("digest mismatch: registry says %s, content hashes to %s", f.headerDig, f.digest)
	}
	return f, nil
}

func (r *run) tagDigest(ctx context.Context) (string, error) {
	f, err := r.getTag(ctx)
	if err != nil {
		return "", err
	}
	return f.digest, nil
}

// manifestErr words a failed manifest fetch. A missing image cannot be
// checked: undecided, not failed. A digest mismatch speaks for itself.
func (r *run) manifestErr(err error, ref string) error {
	sep := ":"
	if strings.HasPrefix(ref, "sha256:") {
		sep = "@"
	}
	where := r.p.repo.RepositoryStr() + sep + ref
	var te *TrustError
	switch {
	case isNotFound(err):
		return undecidedf("fetching manifest %s: not found", where)
	case errors.As(err, &te):
		return err
	}
	return fmt.Errorf("fetching manifest %s: %w", where, err)
}

func (r *run) setDigest(d string) {
	r.res.Digest = d
	r.res.Ref = r.p.resolvedRef(d)
}

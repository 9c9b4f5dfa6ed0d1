package catalog

import (
	"context"
	"strings"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// loadOCI loads oci://REF through the WithOCI puller, which returns the
// artifact's JSON layer, {title, servers:[...]}. JSON is read by the same
// YAML parser and safety checks as every other catalog.
func loadOCI(ctx context.Context, spec string, cfg *config) (*Catalog, error) {
	ref := strings.TrimPrefix(spec, "oci://")
	switch {
	case ref == "":
		return nil, &InputError{Path: spec, Err: ErrUnsupported}
	case cfg.oci == nil:
		return nil, &InputError{Path: spec, Err: ErrNoOCI}
	}
	data, err := cfg.oci(ctx, ref)
	if err != nil {
		return nil, asFetchError(spec, err)
	}
	if int64(len(data)) > cfg.maxBytes {
		return nil, tooLarge(spec, cfg.maxBytes)
	}
	c, err := parseCatalogData(data, spec)
	if err != nil {
		return nil, err
	}
	c.Source, c.Kind, c.Name, c.FetchedAt = spec, KindOCI, ref, cfg.now()
	c.finish(cfg.publishers, isCommunityRef(ref))
	return c, nil
}

// isCommunityRef reports whether ref is Docker's community registry
// artifact (mcp/community-registry on Docker Hub), whose entries are all
// community entries.
func isCommunityRef(ref string) bool {
	r, err := imageref.Parse(ref)
	return err == nil && r.OnDockerHub() && r.Path() == "mcp/community-registry"
}

package catalog

import (
	"fmt"
	"strings"
)

// Tier is the publisher tier of an entry, derived only from trusted fields
// (type, image namespace, pin, the community tag, the publishers list);
// never from titles, descriptions or other free text (THREATS A14).
type Tier string

// The tiers. Precedence, first match wins:
//
//  1. community: tagged "community" or loaded from the community registry.
//     A downgrade-only signal, so it beats everything.
//  2. type remote: known-publisher when listed, else remote.
//  3. docker-built: type server, image mcp/<name> on Docker Hub, and a
//     canonical pin. An mcp/* image without a canonical pin is NOT
//     docker-built: it falls through to 4 and its reason says why.
//  4. everything else (other namespaces, poci, no image, mcp/* unpinned):
//     known-publisher when listed, else publisher-image.
const (
	TierDockerBuilt    Tier = "docker-built"    // Docker built mcp/<name> from a pinned commit
	TierKnownPublisher Tier = "known-publisher" // publisher image or remote on the publishers list
	TierPublisherImage Tier = "publisher-image" // an image not tied to a Docker build of a pinned commit
	TierRemote         Tier = "remote"          // a hosted endpoint; nothing is built or pinned
	TierCommunity      Tier = "community"       // a community-registry entry
)

// Build is the build axis of an entry's trust level: who built what it
// runs. Derived from trusted fields only, like Tier.
type Build string

// The builds, most established first.
const (
	BuildDockerBuilt    Build = "docker-built"    // an mcp/* image Docker builds from a pinned commit
	BuildPublisherImage Build = "publisher-image" // an image its publisher ships (or mcp/* without a pin)
	BuildRemote         Build = "remote"          // a hosted endpoint; nothing is built or pinned
)

// Builds lists every build, most established first.
func Builds() []Build { return []Build{BuildDockerBuilt, BuildPublisherImage, BuildRemote} }

// PublisherLevel is the publisher axis: whether the entry's publisher is
// on the known-publishers list, as Docker's catalog shows it.
type PublisherLevel string

// The publisher levels, most established first.
const (
	PublisherKnown     PublisherLevel = "known-publisher" // on the known-publishers list
	PublisherCommunity PublisherLevel = "community"       // anyone else, and every community entry
)

// PublisherLevels lists every level, most established first.
func PublisherLevels() []PublisherLevel { return []PublisherLevel{PublisherKnown, PublisherCommunity} }

// String returns the tier's word.
func (t Tier) String() string { return string(t) }

// Tiers lists every tier, most established first, for tables and counts.
func Tiers() []Tier {
	return []Tier{TierDockerBuilt, TierKnownPublisher, TierPublisherImage, TierRemote, TierCommunity}
}

// classify fills the computed fields: Digest, Owner, Pin, KnownPublisher,
// Build, Publisher, their reasons, and the older one-axis Tier. TierReason only quotes values that passed a strict
// syntax check or were %q-escaped, so it is safe to print.
func (s *Server) classify(pubs *Publishers, community bool) {
	s.Pin = pinOf(s)
	ref, refErr := parseImageRef(s.Image)
	s.Digest = ""
	if refErr == nil {
		s.Digest = ref.digest
	}
	projOwner := githubOwner(s.Source.Project)
	s.Owner = s.Metadata.Owner
	if s.Owner == "" {
		s.Owner = projOwner
	}
	listedBy := pubs.match(s.Name, projOwner)
	s.KnownPublisher = listedBy != ""
	why := imageReason(s, ref, refErr) // parses the image once, for both
	s.Tier, s.TierReason = decideTier(s, why, community, listedBy)
	s.Build, s.BuildReason = decideBuild(s, why, community)
	s.Publisher, s.PublisherReason = decidePublisher(s, community, listedBy)
}

// decideBuild: community is downgrade-only, so a community entry is never
// docker-built; a remote is remote; else docker-built needs an mcp/* image
// with a canonical pin (why, from imageReason, is "" when it has).
func decideBuild(s *Server, why string, community bool) (Build, string) {
	switch {
	case s.Type == TypeRemote:
		return BuildRemote, "remote endpoint run by its publisher: no image is built or pinned"
	case community:
		return BuildPublisherImage, "from the community registry: not built by Docker"
	case hasTag(s.Tags, "community"):
		return BuildPublisherImage, "tagged community: not built by Docker"
	}
	if why == "" {
		return BuildDockerBuilt, fmt.Sprintf("image %s is in Docker's mcp namespace and source.commit pins a full commit", s.Image)
	}
	return BuildPublisherImage, why
}

// decidePublisher: a community entry is community whatever list it is on;
// else known-publisher when listed.
func decidePublisher(s *Server, community bool, listedBy string) (PublisherLevel, string) {
	switch {
	case community:
		return PublisherCommunity, "from the community registry"
	case hasTag(s.Tags, "community"):
		return PublisherCommunity, "tagged community: a community entry, whatever list it is on"
	case listedBy != "":
		return PublisherKnown, listedBy
	}
	return PublisherCommunity, "not on the known-publishers list"
}

func decideTier(s *Server, why string, community bool, listedBy string) (Tier, string) {
	switch {
	case community:
		return TierCommunity, "from the community registry: not built or reviewed by Docker"
	case hasTag(s.Tags, "community"):
		return TierCommunity, "tagged community: a community entry, not built or reviewed by Docker"
	case s.Type == TypeRemote:
		if listedBy != "" {
			return TierKnownPublisher, "remote endpoint run by its publisher; " + listedBy
		}
		return TierRemote, "remote endpoint run by its publisher: no image is built or pinned"
	}
	if why == "" {
		return TierDockerBuilt, fmt.Sprintf("image %s is in Docker's mcp namespace and source.commit pins a full commit", s.Image)
	}
	if listedBy != "" {
		return TierKnownPublisher, why + "; " + listedBy
	}
	return TierPublisherImage, why
}

// imageReason says why an entry is not docker-built, or "" when it is.
func imageReason(s *Server, ref imageRef, refErr error) string {
	switch {
	case s.Type == TypePOCI:
		return "poci entry: its tools run in container images named by the entry, not an image Docker builds from a pinned commit"
	case s.Image == "":
		return "no image named"
	case refErr != nil:
		return fmt.Sprintf("image reference is malformed (%v)", refErr)
	case !dockerBuilt(s.Image):
		return fmt.Sprintf("image %s is published outside Docker's mcp namespace, by its publisher", s.Image)
	case s.Pin == PinUnpinned:
		return fmt.Sprintf("image %s is in Docker's mcp namespace but has no source.commit, so it cannot be tied to a reviewed commit", s.Image)
	case s.Pin != PinPinned:
		return fmt.Sprintf("image %s is in Docker's mcp namespace but source.commit %q is malformed, so it cannot be tied to a reviewed commit", s.Image, s.Source.Commit)
	}
	return ""
}

func hasTag(tags []string, want string) bool {
	for _, t := range tags {
		if strings.EqualFold(strings.TrimSpace(t), want) {
			return true
		}
	}
	return false
}

// BuildCounts returns the number of servers of each build; every build is
// present.
func (c *Catalog) BuildCounts() map[Build]int {
	out := make(map[Build]int, len(Builds()))
	for _, b := range Builds() {
		out[b] = 0
	}
	for _, s := range c.Servers {
		out[s.Build]++
	}
	return out
}

// PublisherCounts returns the number of servers at each publisher level;
// every level is present.
func (c *Catalog) PublisherCounts() map[PublisherLevel]int {
	out := make(map[PublisherLevel]int, len(PublisherLevels()))
	for _, p := range PublisherLevels() {
		out[p] = 0
	}
	for _, s := range c.Servers {
		out[s.Publisher]++
	}
	return out
}

package tui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/verify"
)

// generated builds a catalog of n servers shaped like the published one:
// most mcp/* images pinned by digest, some publisher images, remotes and
// community entries, with titles, tags and categories to search.
func generated(n int) *catalog.Catalog {
	tiers := []catalog.Tier{
		catalog.TierDockerBuilt, catalog.TierDockerBuilt, catalog.TierDockerBuilt, catalog.TierDockerBuilt,
		catalog.TierKnownPublisher, catalog.TierPublisherImage, catalog.TierPublisherImage,
		catalog.TierRemote, catalog.TierCommunity, catalog.TierDockerBuilt,
	}
	cats := []string{"data", "devops", "productivity", "search", "finance", "ai", "communication"}
	words := []string{"github", "postgres", "slack", "weather", "notion", "stripe", "jira", "browser", "files", "calendar"}
	servers := make([]*catalog.Server, n)
	for i := range servers {
		name := fmt.Sprintf("server-%06d", i)
		tier := tiers[i%len(tiers)]
		s := server(name, fmt.Sprintf("%s %s connector %d", words[i%len(words)], cats[i%len(cats)], i), tier, catalog.PinPinned)
		s.Category = cats[i%len(cats)]
		s.Tags = []string{words[(i/3)%len(words)], words[(i/7)%len(words)]}
		s.Owner = fmt.Sprintf("org-%d", i%97)
		s.Description = fmt.Sprintf("Generated server %d: reads and writes %s records through a public API.", i, words[i%len(words)])
		if tier != catalog.TierRemote {
			sum := sha256.Sum256([]byte(name))
			s.Digest = "sha256:" + hex.EncodeToString(sum[:])
			s.Image = "mcp/" + name + "@" + s.Digest
		} else {
			s.Pin = catalog.PinNone
		}
		servers[i] = s
	}
	return &catalog.Catalog{Source: "generated", Kind: catalog.KindFile, Servers: servers, FetchedAt: fixedNow}
}

// displayWidth is the width of a frame line in cells.
func displayWidth(s string) int { return ansi.StringWidth(s) }

// failingVerifier answers every server with an input error.
type failingVerifier struct{}

func (failingVerifier) Verify(context.Context, *catalog.Server) (*verify.Result, error) {
	return nil, errors.New("no verifier in this test")
}

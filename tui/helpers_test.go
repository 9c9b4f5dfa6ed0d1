package tui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	xgolden "github.com/charmbracelet/x/exp/golden"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// fixedNow is the clock of every test; catalogs are fetched an hour
// before it.
var fixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

const (
	testWidth  = 120
	testHeight = 30
)

const pin = "1111111111111111111111111111111111111111"

// server builds a classified catalog entry; fields the loader computes
// (tier, pin, owner) are given directly.
func server(name, title string, tier catalog.Tier, p catalog.PinState) *catalog.Server {
	s := &catalog.Server{
		Name: name, Title: title, Type: catalog.TypeServer, Tier: tier, Pin: p,
		Image: "mcp/" + name, Category: "data", Tags: []string{"demo"}, Owner: "example",
		Source:     catalog.Source{Project: "https://github.com/example/" + name, Commit: pin, Directory: "server"},
		TierReason: "image mcp/" + name + " is in Docker's mcp namespace and source.commit pins a full commit",
	}
	// The tier is a shorthand for the two axes here.
	s.Build, s.Publisher = catalog.BuildDockerBuilt, catalog.PublisherCommunity
	switch tier {
	case catalog.TierKnownPublisher:
		s.Publisher = catalog.PublisherKnown
	case catalog.TierPublisherImage, catalog.TierCommunity:
		s.Build = catalog.BuildPublisherImage
	case catalog.TierRemote:
		s.Build, s.Publisher = catalog.BuildRemote, catalog.PublisherKnown
	}
	s.BuildReason = s.TierReason
	s.PublisherReason = "not on the known-publishers list"
	if s.Publisher == catalog.PublisherKnown {
		s.PublisherReason = "its server name is on the known-publishers list"
	}
	if tier == catalog.TierRemote {
		s.Type, s.Image, s.Source = catalog.TypeRemote, "", catalog.Source{}
	}
	return s
}

// sampleCatalog has one server per tier and pin state.
func sampleCatalog() *catalog.Catalog {
	servers := []*catalog.Server{
		server("archive", "Archive Search", catalog.TierDockerBuilt, catalog.PinPinned),
		server("calendar", "Team Calendar", catalog.TierKnownPublisher, catalog.PinPinned),
		server("github-tools", "GitHub helper", catalog.TierPublisherImage, catalog.PinMalformed),
		server("notes", "Notes", catalog.TierDockerBuilt, catalog.PinUnpinned),
		server("stripe-remote", "Payments", catalog.TierRemote, catalog.PinNone),
		server("weather", "Weather", catalog.TierCommunity, catalog.PinPinned),
	}
	servers[1].Category = "productivity"
	servers[2].Tags = []string{"git", "code"}
	servers[3].Category = "productivity"
	pubs := catalog.NewPublishers([]string{"calendar", "stripe-remote"}, nil)
	pubs.Origin, pubs.Date = catalog.BuiltinPublishersOrigin, "2026-02-25"
	return &catalog.Catalog{Source: "test", Kind: catalog.KindFile, Servers: servers, FetchedAt: fixedNow.Add(-time.Hour), KnownPublishers: pubs}
}

// newTestModel builds a model with the test clock and no colour.
func newTestModel(opts Options) *model {
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	opts.NoColor = true
	m := newModel(context.Background(), opts)
	m.resize(testWidth, testHeight)
	return m
}

// keyMsg builds a key press from its name ("enter", "esc", "down", "v").
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// golden compares got with testdata/<TestName>.golden; go test -update
// rewrites it (the flag belongs to x/exp/golden, which teatest uses).
func golden(t *testing.T, got string) {
	t.Helper()
	xgolden.RequireEqual(t, got)
}

// view returns the model's frame as text.
func view(m *model) string { return m.View().Content }

// names lists the visible servers, in order.
func names(m *model) []string {
	out := make([]string, len(m.visible))
	for i, v := range m.visible {
		out[i] = m.rows[v].srv.Name
	}
	return out
}

// sendKeys applies keys to m directly, running no commands.
func sendKeys(m *model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

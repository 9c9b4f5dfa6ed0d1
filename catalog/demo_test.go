package catalog

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func TestDemoCatalog(t *testing.T) {
	c := mustLoad(t, DemoSpec, clock(fixedNow))
	if c.Kind != KindDemo || c.Source != DemoSpec || len(c.Problems) != 0 || len(c.Servers) < 12 {
		t.Fatalf("Load(demo) = kind %s, %d servers, problems %v", c.Kind, len(c.Servers), c.Problems)
	}
	tiers, pins, types := map[Tier]int{}, map[PinState]int{}, map[ServerType]int{}
	digests := 0
	for _, s := range c.Servers {
		tiers[s.Tier]++
		pins[s.Pin]++
		types[s.Type]++
		if s.Digest != "" {
			digests++
		}
	}
	for _, tier := range Tiers() {
		if tiers[tier] == 0 {
			t.Errorf("Load(demo) has no %s entry", tier)
		}
	}
	for _, pin := range []PinState{PinPinned, PinUnpinned, PinMalformed, PinNone} {
		if pins[pin] == 0 {
			t.Errorf("Load(demo) has no %s pin", pin)
		}
	}
	if types[TypePOCI] == 0 || types[TypeRemote] == 0 || digests < 2 {
		t.Errorf("Load(demo) types %v, %d digest-pinned; want poci, remote and >= 2 digests", types, digests)
	}
	golden.RequireEqual(t, jsonOf(t, c))
}

// The spoofing entry stays community and the hostile entry keeps its raw
// text in the model (JSON escapes it; renderers must too).
func TestDemoHostileEntries(t *testing.T) {
	c := mustLoad(t, DemoSpec)
	spoof, _ := c.Lookup("github-official-verified")
	if spoof == nil || spoof.Tier != TierCommunity {
		t.Errorf("Lookup(github-official-verified) = %v, want tier community", spoof)
	}
	h, ok := c.Lookup("clipboard-helper-demo")
	if !ok || !strings.Contains(h.Description, "\x1b]52;c;") || !strings.Contains(h.Description, "\a") ||
		!strings.Contains(h.Title, "\u202e") || !strings.Contains(h.Category, "\x1b[31m") {
		t.Errorf("Lookup(clipboard-helper-demo) = %+v, want the hostile text kept raw", h)
	}
	if h.Tier != TierPublisherImage || strings.ContainsAny(h.TierReason, "\x1b\a\u202e") {
		t.Errorf("hostile entry tier %s reason %q: want publisher-image and a clean reason", h.Tier, h.TierReason)
	}
}

func TestDemoPublishers(t *testing.T) {
	p := DemoPublishers()
	if strings.Join(p.Servers(), ",") != "kanban-demo" || strings.Join(p.Owners(), ",") != "acme-demo" {
		t.Errorf("DemoPublishers() = %v / %v, want kanban-demo / acme-demo", p.Servers(), p.Owners())
	}
	c := mustLoad(t, DemoSpec, WithPublishers(NewPublishers(nil, nil)))
	if n := c.Counts()[TierKnownPublisher]; n != 0 {
		t.Errorf("Load(demo, empty publishers) known-publisher = %d, want 0 (WithPublishers overrides the demo list)", n)
	}
}

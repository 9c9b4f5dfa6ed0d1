package tui

import (
	"slices"
	"testing"
)

// The find prompt shows the same rows, in the same order, whether the
// match is split across cores or not: typing (narrowing, which filters
// the last matches in place), backspaces (from scratch), quality groups
// (prefix, substring, fuzzy) and a facet, over a catalog large enough to
// be split, with parts of unequal size.
func TestParallelMatchSameRows(t *testing.T) {
	cat := generated(3*parallelMatchMin + 7)
	one, split := newTestModel(Options{Catalog: cat}), newTestModel(Options{Catalog: cat})
	one.find.cores, split.find.cores = 1, 3
	keys := []string{"t", "/", "s", "e", "r", "v", "e", "r", "-", "0", "0", "1", "backspace", "backspace",
		"backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace",
		"g", "h", "t", "b", "backspace", "backspace", " ", "s", "l", "k", "backspace", "backspace", "backspace",
		"backspace", "z", "q"}
	matched := 0
	for i, k := range keys {
		sendKeys(one, k)
		sendKeys(split, k)
		if !slices.Equal(one.visible, split.visible) {
			t.Fatalf("after key %d (%q): split match shows %d rows, one core %d, or another order",
				i, k, len(split.visible), len(one.visible))
		}
		if len(one.visible) > 0 && len(one.visible) < len(cat.Servers) {
			matched++
		}
	}
	if matched < len(keys)/2 {
		t.Fatalf("only %d of %d keystrokes filtered to a proper subset: the test compares nothing", matched, len(keys))
	}
}

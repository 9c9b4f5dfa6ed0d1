package tui

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMatchQuality(t *testing.T) {
	key := "github-tools\x00github helper\x00git code\x00data\x00example"
	nameLen := len("github-tools")
	tests := []struct {
		terms []string
		want  uint8
		ok    bool
	}{
		{[]string{"git"}, 0, true},
		{[]string{"tools"}, 1, true},
		{[]string{"helper"}, 2, true},
		{[]string{"exam"}, 2, true},
		{[]string{"ghtl"}, 3, true},  // g-h-t-l within github-tools
		{[]string{"gcode"}, 3, true}, // within "git code"
		{[]string{"hd"}, 0, false},   // h in one field, d in another
		{[]string{"git", "helper"}, 2, true},
		{[]string{"git", "nope"}, 0, false},
		{[]string{"é"}, 0, false},
	}
	for _, tt := range tests {
		got, ok := matchQuality(key, nameLen, tt.terms)
		if got != tt.want || ok != tt.ok {
			t.Errorf("matchQuality(%q) = %d, %v; want %d, %v", tt.terms, got, ok, tt.want, tt.ok)
		}
	}
	if !fuzzy("café\x00x", "cé") || fuzzy("ce\x00\u0301", "cé") {
		t.Errorf("fuzzy over runes: cé must match café and not cross a field")
	}
}

// Narrowing a query re-checks only the old matches; it must list exactly
// what filtering from scratch lists.
func TestNarrowingEqualsFullFilter(t *testing.T) {
	rows := newRows(generated(3000))
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "abcdefgiklnorstuw 0123-"
	for n := 0; n < 200; n++ {
		inc := newFinder(rows)
		var q []byte
		var got []int32
		for range 1 + rng.IntN(8) {
			q = append(q, alphabet[rng.IntN(len(alphabet))])
			inc.setQuery(string(q))
			got = inc.filter(rows, got)
		}
		full := newFinder(rows)
		full.setQuery(string(q))
		if want := full.filter(rows, nil); !slices.Equal(got, want) {
			t.Fatalf("query %q: narrowing lists %d rows, a full filter %d", q, len(got), len(want))
		}
	}
}

func TestPartitionIsStable(t *testing.T) {
	got := partition([]int32{10, 11, 12, 13, 14}, []uint8{3, 0, 3, 1, 0}, nil)
	if want := []int32{11, 14, 13, 10, 12}; !slices.Equal(got, want) {
		t.Errorf("partition = %v, want %v", got, want)
	}
}

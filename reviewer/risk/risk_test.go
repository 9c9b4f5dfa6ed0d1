package risk

import "testing"

func TestParse(t *testing.T) {
	for r := Info; r <= Critical; r++ {
		if got, err := Parse(r.String()); err != nil || got != r {
			t.Errorf("Parse(%q) = %v, %v; want %v", r.String(), got, err, r)
		}
	}
	for _, bad := range []string{"none", "", "High", " high", "severe"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = nil error, want an error", bad)
		}
	}
	var r Level
	if err := r.UnmarshalText([]byte("none")); err != nil || r != None {
		t.Errorf("UnmarshalText(none) = %v, %v; want none", r, err)
	}
	if b, err := Level(9).MarshalText(); err == nil {
		t.Errorf("Level(9).MarshalText() = %q, nil; want an error", b)
	}
}

// Every risk up to critical has a name in JSON; one past it has none.
func TestRiskMarshalTextEdges(t *testing.T) {
	for r := None; r <= Critical; r++ {
		if b, err := r.MarshalText(); err != nil || string(b) != riskNames[r] {
			t.Errorf("Level(%d).MarshalText() = %q, %v; want %q", int(r), b, err, riskNames[r])
		}
	}
	if _, err := (Critical + 1).MarshalText(); err == nil {
		t.Error("MarshalText(one past critical) = nil error, want an error")
	}
}

package risk

import "fmt"

// Level is an ordered severity: None < Info < ... < Critical. It is
// both the severity of a pre-scan finding and the risk of a review.
type Level int

// The levels, lowest first. None means "nothing found" (a pre-scan with
// no findings); it is never a valid label value.
const (
	None Level = iota
	Info
	Low
	Medium
	High
	Critical
)

var riskNames = [...]string{"none", "info", "low", "medium", "high", "critical"}

// String returns the lowercase name used in labels, reports and JSON.
func (r Level) String() string {
	if r < None || r > Critical {
		return fmt.Sprintf("Risk(%d)", int(r))
	}
	return riskNames[r]
}

// Parse parses one of the five label values, exactly as they appear in
// labels.txt: "info", "low", "medium", "high" or "critical". "none", other
// cases and surrounding space are errors.
func Parse(s string) (Level, error) {
	for r := Info; r <= Critical; r++ {
		if s == riskNames[r] {
			return r, nil
		}
	}
	return None, fmt.Errorf("parsing risk %q: not one of info, low, medium, high, critical", s)
}

// MarshalText encodes the risk by name, so JSON carries "high", not 4.
func (r Level) MarshalText() ([]byte, error) {
	if r < None || r > Critical {
		return nil, fmt.Errorf("marshalling risk: invalid value %d", int(r))
	}
	return []byte(riskNames[r]), nil
}

// UnmarshalText decodes a name written by MarshalText, "none" included.
func (r *Level) UnmarshalText(b []byte) error {
	if string(b) == riskNames[None] {
		*r = None
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

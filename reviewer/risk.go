package reviewer

import "fmt"

// Risk is an ordered severity: RiskNone < RiskInfo < ... < RiskCritical. It is
// both the severity of a pre-scan finding and the risk of a review.
type Risk int

// Risk levels, lowest first. RiskNone means "nothing found" (a pre-scan with
// no findings); it is never a valid label value.
const (
	RiskNone Risk = iota
	RiskInfo
	RiskLow
	RiskMedium
	RiskHigh
	RiskCritical
)

var riskNames = [...]string{"none", "info", "low", "medium", "high", "critical"}

// String returns the lowercase name used in labels, reports and JSON.
func (r Risk) String() string {
	if r < RiskNone || r > RiskCritical {
		return fmt.Sprintf("Risk(%d)", int(r))
	}
	return riskNames[r]
}

// ParseRisk parses one of the five label values, exactly as they appear in
// labels.txt: "info", "low", "medium", "high" or "critical". "none", other
// cases and surrounding space are errors.
func ParseRisk(s string) (Risk, error) {
	for r := RiskInfo; r <= RiskCritical; r++ {
		if s == riskNames[r] {
			return r, nil
		}
	}
	return RiskNone, fmt.Errorf("parsing risk %q: not one of info, low, medium, high, critical", s)
}

// MarshalText encodes the risk by name, so JSON carries "high", not 4.
func (r Risk) MarshalText() ([]byte, error) {
	if r < RiskNone || r > RiskCritical {
		return nil, fmt.Errorf("marshalling risk: invalid value %d", int(r))
	}
	return []byte(riskNames[r]), nil
}

// UnmarshalText decodes a name written by MarshalText, "none" included.
func (r *Risk) UnmarshalText(b []byte) error {
	if string(b) == riskNames[RiskNone] {
		*r = RiskNone
		return nil
	}
	v, err := ParseRisk(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

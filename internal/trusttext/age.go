package trusttext

import (
	"fmt"
	"time"
)

// HumanAge says how old something is, coarsely ("3 h"). The table output
// and the UI both use it, so both say the same.
func HumanAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

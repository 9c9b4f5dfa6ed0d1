package engine

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrOldEngine is what OldEngineError unwraps to.
var ErrOldEngine = errors.New("the Docker engine predates the fix for CVE-2024-29018")

// OldEngineError refuses a real agent run on an engine whose internal
// networks forward DNS queries to the host's resolvers (CVE-2024-29018,
// GHSA-mq39-4gv4-mvpx): a prompt-injected agent could exfiltrate through
// DNS. Request.AllowOldEngine (--allow-old-engine) accepts the risk.
type OldEngineError struct {
	Version string
}

// Error implements error.
func (e *OldEngineError) Error() string {
	return fmt.Sprintf("Docker Engine %s: %v (fixed in 26.0.0, 25.0.4 and 23.0.11): "+
		"the agent's internal network can send DNS queries out; upgrade the engine, "+
		"or accept the risk with --allow-old-engine", e.Version, ErrOldEngine)
}

// Unwrap returns ErrOldEngine.
func (e *OldEngineError) Unwrap() error { return ErrOldEngine }

// OldEngineWarning is the warning a review on an unfixed engine carries.
func OldEngineWarning(version string) string {
	return fmt.Sprintf("WARNING: Docker Engine %s predates the fix for CVE-2024-29018 (fixed in 26.0.0, 25.0.4, 23.0.11): "+
		"DNS queries from the agent's internal network can reach the host's resolvers, a way out of the sandbox", version)
}

// DNSLeakFixed reports whether an engine version has the CVE-2024-29018
// fix: 26.0.0 or later, 25.0.4 or later in 25.0, 23.0.11 or later in 23.0.
// A version it cannot read counts as unfixed.
func DNSLeakFixed(version string) bool {
	v, ok := parseVersion(version)
	switch {
	case !ok:
		return false
	case v[0] >= 26:
		return true
	case v[0] == 25:
		return v[1] > 0 || v[2] >= 4
	case v[0] == 23:
		return v[1] > 0 || v[2] >= 11
	}
	return false
}

// parseVersion reads "major.minor.patch" and ignores any suffix
// ("+dfsg1", "-rc.1", "-ce").
func parseVersion(s string) ([3]int, bool) {
	var v [3]int
	s = strings.TrimPrefix(s, "v")
	if i := strings.IndexAny(s, "+-~ "); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return v, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, false
		}
		v[i] = n
	}
	return v, true
}

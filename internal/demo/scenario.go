package demo

import "github.com/mcp-trust/mcp-trust/verify"

// Scenario is what the seeder does for one demo entry.
type Scenario string

// The scenarios. Each is a real-world failure verification must catch, or
// the good case.
const (
	// Good: an image built from the pin, signed for its digest.
	Good Scenario = "good"
	// Moved: the catalog pins a signed digest; the tag has since moved to an
	// unsigned image. The pinned digest verifies and the move is reported.
	Moved Scenario = "tag-moved"
	// BadPlatform: a two-platform index whose arm64 image was built from
	// another commit.
	BadPlatform Scenario = "index-bad-platform"
	// Rollback: a validly signed image of an older commit under the tag.
	Rollback Scenario = "rollback"
	// Replayed: a valid signature for another digest copied onto this one.
	Replayed Scenario = "replayed-signature"
	// WrongKey: signed, but not with the trusted key.
	WrongKey Scenario = "wrong-key"
	// Unsigned: built from the pin, never signed.
	Unsigned Scenario = "unsigned"
	// Publisher: a publisher's own image, not signed by Docker.
	Publisher Scenario = "publisher-image"
	// BadPin: a Docker-built image whose catalog pin is malformed or missing.
	BadPin Scenario = "bad-pin"
	// Impostor: an image whose label contradicts the pin it claims.
	Impostor Scenario = "label-mismatch"
)

// scenarios assigns a scenario to the demo entries that need a specific
// one; the rest follow their tier (see scenarioFor).
var scenarios = map[string]Scenario{
	"weather-demo":             Moved,
	"archive-demo":             BadPlatform,
	"maps-demo":                Rollback,
	"mailer-demo":              Replayed,
	"translate-demo":           WrongKey,
	"calendar-demo":            Unsigned,
	"github-official-verified": Impostor,
}

// Expect is the verdict each scenario must produce.
func (s Scenario) Expect() verify.Verdict {
	switch s {
	case Good, Moved:
		return verify.VerdictVerified
	case Publisher:
		return verify.VerdictNotEnforceable
	}
	return verify.VerdictFailed
}

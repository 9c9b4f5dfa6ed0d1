package trusttext

import "github.com/mcp-trust/mcp-trust/catalog"

// Pin is the badge of a pin state.
func Pin(p catalog.PinState) Badge {
	switch p {
	case catalog.PinPinned:
		return Badge{"✔", "pinned", "pin", ToneGood}
	case catalog.PinUnpinned:
		return Badge{"✘", "unpinned", "nopin", ToneBad}
	case catalog.PinMalformed:
		return Badge{"✘", "malformed", "badpin", ToneBad}
	}
	return Badge{"-", "none", "none", ToneDim}
}

// Build is the badge of the build axis.
func Build(b catalog.Build) Badge {
	switch b {
	case catalog.BuildDockerBuilt:
		return Badge{"✦", "docker-built", "docker", ToneGood}
	case catalog.BuildPublisherImage:
		return Badge{"▪", "publisher-image", "image", ToneWarn}
	case catalog.BuildRemote:
		return Badge{"☁", "remote", "remote", ToneInfo}
	}
	return Badge{"?", "unknown build", "?", ToneBad}
}

// Publisher is the badge of the publisher axis.
func Publisher(p catalog.PublisherLevel) Badge {
	switch p {
	case catalog.PublisherKnown:
		return Badge{"✔", "known publisher", "known", ToneGood}
	case catalog.PublisherCommunity:
		return Badge{"◌", "community", "comm", ToneWarn}
	}
	return Badge{"?", "unknown publisher", "?", ToneBad}
}

// LevelSep joins the two axes of a trust level in one badge:
// "✦ docker-built · ✔ known publisher".
const LevelSep = " · "

// PinUpstream is the badge of a pin compared with its upstream branch
// (`pin check|update`): current, updated, behind, or anything else (an
// error) as a failure.
func PinUpstream(state string) Badge {
	switch state {
	case "current":
		return Badge{"✔", "current", "cur", ToneGood}
	case "updated":
		return Badge{"✔", "updated", "upd", ToneGood}
	case "behind":
		return Badge{"↑", "behind", "behind", ToneWarn}
	}
	return Badge{"✘", state, "err", ToneBad}
}

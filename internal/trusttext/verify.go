package trusttext

import "github.com/mcp-trust/mcp-trust/verify"

// Check is the mark of one check's status. The words of the statuses that
// need attention are in capitals, in the CLI and the UI alike.
func Check(s verify.Status) Badge {
	switch s {
	case verify.StatusPass:
		return Badge{"✔", "pass", "pass", ToneGood}
	case verify.StatusFail:
		return Badge{"✘", "FAIL", "FAIL", ToneBad}
	case verify.StatusSkip:
		return Badge{"-", "skip", "skip", ToneDim}
	}
	return Badge{"?", "ERROR", "ERROR", ToneWarn}
}

// CheckMark is Check padded to one width, for aligned check lists.
func CheckMark(s verify.Status) string { return Check(s).Mark(5) }

// Verdict is the badge of a verification verdict. A failed verdict names
// no check here: see Failed.
func Verdict(v verify.Verdict) Badge {
	switch v {
	case verify.VerdictVerified:
		return Badge{"✔", "verified", "sig", ToneGood}
	case verify.VerdictFailed:
		return Badge{"✘", "failed", "fail", ToneBad}
	case verify.VerdictNotEnforceable:
		return Badge{"⊘", "not enforceable", "unenf", ToneWarn}
	}
	return Badge{"?", "could not decide", "undec", ToneWarn}
}

// Failed is the badge of a failed verdict that names its first failing
// check ("✘ failed: signature", compact "✘ sig").
func Failed(check string) Badge {
	b := Verdict(verify.VerdictFailed)
	if check == "" {
		return b
	}
	b.Word += ": " + check
	b.Short = shortCheck(check)
	return b
}

func shortCheck(check string) string {
	switch check {
	case verify.CheckRevisionLabel:
		return "label"
	case verify.CheckSignature:
		return "sig"
	}
	if len(check) > ShortWordWidth {
		return check[:ShortWordWidth]
	}
	return check
}

// VerdictHeadline is the verdict line of the verify command's output.
func VerdictHeadline(v verify.Verdict) string {
	switch v {
	case verify.VerdictVerified:
		return "VERIFIED (provenance only: a signature does not mean the server is safe)"
	case verify.VerdictFailed:
		return "FAILED"
	case verify.VerdictNotEnforceable:
		return "NOT ENFORCEABLE (publisher image: no pin or signature to check)"
	}
	return "COULD NOT DECIDE"
}

// Verification states that are not verdicts (the UI's verification column).
var (
	NotChecked = Badge{"-", "not checked", "unchk", ToneDim}
	Verifying  = Badge{"⟳", "verifying", "run", ToneInfo}
	NoImage    = Badge{"-", "no image", "noimg", ToneDim}
	BadInput   = Badge{"✘", "bad input", "input", ToneBad}
)

package tui

// ReviewSource says whose review a Report is: one made on this machine by
// `review`, or Docker's, posted on the registry pull request that set the
// pin. The UI names it in words with a symbol, never by colour alone.
type ReviewSource uint8

// Review sources; the zero value is a local review.
const (
	SourceLocal ReviewSource = iota
	SourceDocker
)

// label is the source in a symbol and words.
func (s ReviewSource) label() string {
	if s == SourceDocker {
		return "✪ Docker review"
	}
	return "⌂ local review"
}

// header names the open report: "review" for a local one (as before
// Docker's reviews), the symbol and words for Docker's.
func (s ReviewSource) header() string {
	if s == SourceDocker {
		return s.label()
	}
	return "review"
}

package reviewer

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// MaxLabelsSize is the largest labels.txt accepted.
const MaxLabelsSize = 1 << 10

// Label vocabulary.
const (
	labelRiskPrefix = "security-risk:"
	labelBlocked    = "security-blocked"
)

// Labels is a parsed labels.txt: exactly one risk and whether the review
// blocks the change.
type Labels struct {
	Risk    risk.Level
	Blocked bool
}

// ParseLabels parses labels.txt strictly (THREATS D1). The file is at most
// 1 KiB of ASCII; it is split on "\n", and each line must be exactly
// "security-risk:<critical|high|medium|low|info>" or "security-blocked".
// Exactly one risk line is required and security-blocked may appear once,
// in either order.
//
// Decisions: one trailing "\n" is allowed and nothing else: no "\r" (so no
// CRLF), no empty lines, no spaces, no other case, no BOM. Any violation
// makes the whole file invalid; the error is a *LabelsError, which
// errors.Is ErrInvalidLabels.
func ParseLabels(b []byte) (Labels, error) {
	if err := checkLabelBytes(b); err != nil {
		return Labels{}, err
	}
	text := strings.TrimSuffix(string(b), "\n")
	var l Labels
	seenRisk := false
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		switch {
		case line == labelBlocked:
			if l.Blocked {
				return Labels{}, &LabelsError{Line: n, Reason: "security-blocked appears twice"}
			}
			l.Blocked = true
		case strings.HasPrefix(line, labelRiskPrefix):
			r, err := risk.Parse(line[len(labelRiskPrefix):])
			if err != nil {
				return Labels{}, &LabelsError{Line: n, Reason: fmt.Sprintf("unknown risk %q", line[len(labelRiskPrefix):])}
			}
			if seenRisk {
				return Labels{}, &LabelsError{Line: n, Reason: "more than one risk label"}
			}
			l.Risk, seenRisk = r, true
		default:
			return Labels{}, &LabelsError{Line: n, Reason: fmt.Sprintf("not a label: %q", line)}
		}
	}
	if !seenRisk {
		return Labels{}, &LabelsError{Reason: "no security-risk label"}
	}
	return l, nil
}

// checkLabelBytes enforces the size cap and printable ASCII plus "\n".
func checkLabelBytes(b []byte) error {
	if len(b) == 0 {
		return &LabelsError{Reason: "empty file"}
	}
	if len(b) > MaxLabelsSize {
		return &LabelsError{Reason: fmt.Sprintf("%d bytes, cap %d", len(b), MaxLabelsSize)}
	}
	for i, c := range b {
		if c == '\n' {
			continue
		}
		if c < 0x20 || c > 0x7e {
			line := bytes.Count(b[:i], []byte("\n")) + 1
			return &LabelsError{Line: line, Reason: fmt.Sprintf("byte 0x%02x is not printable ASCII", c)}
		}
	}
	return nil
}

// Marshal renders the labels as labels.txt: the risk line, then
// security-blocked when set, each ending in "\n". A Labels whose Risk is
// risk.None is written as info (a pre-scan with no findings).
func (l Labels) Marshal() []byte {
	r := l.Risk
	if r < risk.Info {
		r = risk.Info
	}
	out := labelRiskPrefix + r.String() + "\n"
	if l.Blocked {
		out += labelBlocked + "\n"
	}
	return []byte(out)
}

package reviewer

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// MaxReportSize is the largest report.md accepted from the agent.
const MaxReportSize = 1 << 20

// Report is what ParseReport reads from an agent's report.md (the template
// in SPEC.md "Reviews"): the stated risk and the commits it claims to cover.
type Report struct {
	// Risk is the highest Overall Risk Level stated; a report that states
	// several is read at its worst.
	Risk risk.Level
	// Levels lists every Overall Risk Level stated, in order.
	Levels []risk.Level
	// Heads and Bases list every Head Commit and Base Commit value: the
	// full 40-hex SHA found in it, lowercased, or "" when there is none.
	Heads, Bases []string
}

// reportField matches "- **Overall Risk Level:** HIGH" and the usual
// variants: "**Name**: value", "Name: value", in a list or a quote. The
// expressions here are compiled on first use, not at program start, which
// every command pays (issue 11): case folding and counted repetitions make
// them large.
var reportField = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?mi)^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__)?` +
		`(Overall Risk Level|Head Commit|Base Commit)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(.*)$`)
})

var fullSHA = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b[0-9a-fA-F]{40}\b`) })

// ParseReport reads the fields of report.md that the verdict depends on. It
// fails when the report is empty, too large, not UTF-8, states no Overall
// Risk Level, or states one that is not exactly one of the five levels
// (an unfilled "[CRITICAL/HIGH/...]" placeholder included).
func ParseReport(b []byte) (*Report, error) {
	switch {
	case len(strings.TrimSpace(string(b))) == 0:
		return nil, errors.New("parsing report: empty")
	case len(b) > MaxReportSize:
		return nil, fmt.Errorf("parsing report: %d bytes, cap %d", len(b), MaxReportSize)
	case !utf8.Valid(b):
		return nil, errors.New("parsing report: not valid UTF-8")
	}
	r := &Report{}
	for _, m := range reportField().FindAllSubmatch(b, -1) {
		name, value := strings.ToLower(string(m[1])), strings.TrimSpace(string(m[2]))
		switch name {
		case "overall risk level":
			risk, err := parseRiskValue(value)
			if err != nil {
				return nil, fmt.Errorf("parsing report: Overall Risk Level %q: %w", value, err)
			}
			r.Levels = append(r.Levels, risk)
			r.Risk = max(r.Risk, risk)
		case "head commit":
			r.Heads = append(r.Heads, strings.ToLower(fullSHA().FindString(value)))
		case "base commit":
			r.Bases = append(r.Bases, strings.ToLower(fullSHA().FindString(value)))
		}
	}
	if len(r.Levels) == 0 {
		return nil, errors.New("parsing report: no Overall Risk Level")
	}
	return r, nil
}

// parseRiskValue reads "HIGH", "**High**", "`critical` - because ...".
func parseRiskValue(v string) (risk.Level, error) {
	v = strings.TrimLeft(v, "*_`[( ")
	end := 0
	for end < len(v) && isASCIILetter(v[end]) {
		end++
	}
	if end < len(v) && v[end] == '/' {
		return risk.None, errors.New("a template placeholder, not a level")
	}
	return risk.Parse(strings.ToLower(v[:end]))
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// CheckHead checks that the report is about head (and, when base is not
// empty, base): every Head Commit value must be exactly head, and there must
// be one (THREATS D3). A short SHA does not count. The error is a
// *StaleReviewError.
func CheckHead(r *Report, head, base string) error {
	if err := checkCommitField("head", r.Heads, head); err != nil {
		return err
	}
	if base == "" {
		return nil
	}
	return checkCommitField("base", r.Bases, base)
}

func checkCommitField(field string, got []string, want string) error {
	if len(got) == 0 {
		return &StaleReviewError{Field: field, Want: want}
	}
	for _, g := range got {
		if g != want {
			return &StaleReviewError{Field: field, Want: want, Got: g}
		}
	}
	return nil
}

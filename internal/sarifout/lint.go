package sarifout

import (
	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// lintLevel maps a lint severity to a SARIF level.
func lintLevel(s catalog.Severity) string {
	switch s {
	case catalog.SeverityWarning:
		return LevelWarning
	case catalog.SeverityNotice:
		return LevelNote
	}
	return LevelError // errors, and anything unknown (fail closed)
}

// Lint builds the log of a lint run: one result per problem, at its file
// and line, under its rule with the rule's origin (registry or mcptrust).
func Lint(problems []catalog.Problem, version string) (*sarif.Report, error) {
	log, run, err := newLog("lint", version)
	if err != nil {
		return nil, err
	}
	run.AddInvocation(true)
	for _, p := range problems {
		info, _ := catalog.LintRule(p.Rule)
		idx := addRule(run, p.Rule, info.Doc, sarif.Properties{"origin": string(info.Origin)})
		msg := p.Message
		if p.Field != "" {
			msg = p.Field + ": " + msg
		}
		r := newResult(run, idx, lintLevel(p.Severity), msg)
		r.Properties = sarif.Properties{"origin": string(p.Origin), "severity": string(p.Severity)}
		if p.Field != "" {
			r.Properties["field"] = p.Field
		}
		if p.Exception != "" {
			r.Properties["exception"] = p.Exception
		}
		if p.File != "" {
			r.AddLocation(fileLocation(p.File, p.Line, ""))
		}
	}
	return log, nil
}

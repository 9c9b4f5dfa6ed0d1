package sarifout

import (
	"net/url"
	"path/filepath"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// Tool names the SARIF tool driver.
const (
	ToolName       = "mcptrust"
	InformationURI = "https://github.com/mcp-trust/mcp-trust"
)

// SARIF result levels.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
)

// newLog starts a log with one run of mcptrust for command.
func newLog(command, version string) (*sarif.Report, *sarif.Run, error) {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return nil, nil, err
	}
	run := sarif.NewRunWithInformationURI(ToolName, InformationURI)
	if version != "" {
		run.Tool.Driver.WithVersion(version)
	}
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(ToolName + "/" + command + "/"))
	run.Results = []*sarif.Result{} // an empty run still says "looked, found nothing"
	log.AddRun(run)
	return log, run, nil
}

// addRule adds (once) a rule with a one-line description and returns its
// index for results.
func addRule(run *sarif.Run, id, desc string, props sarif.Properties) int {
	for i, r := range run.Tool.Driver.Rules {
		if r.ID == id {
			return i
		}
	}
	if desc == "" {
		desc = id
	}
	r := run.AddRule(id).WithShortDescription(sarif.NewMultiformatMessageString(desc))
	if len(props) > 0 {
		r.WithProperties(props)
	}
	return len(run.Tool.Driver.Rules) - 1
}

// fileLocation is a physical location in file at line (0: the whole
// file). The file becomes a relative URI reference: slashes, and every
// character a URI cannot hold percent-encoded.
func fileLocation(file string, line int, snippet string) *sarif.Location {
	u := (&url.URL{Path: filepath.ToSlash(file)}).String()
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(u))
	if line > 0 {
		reg := sarif.NewRegion().WithStartLine(line)
		if snippet != "" {
			reg.WithSnippet(sarif.NewArtifactContent().WithText(snippet))
		}
		pl.WithRegion(reg)
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// logicalLocation names a thing that is not a file: an image, a repository.
func logicalLocation(name, fullName, kind string) *sarif.Location {
	ll := sarif.NewLogicalLocation().WithName(name).WithKind(kind)
	if fullName != "" {
		ll.WithFullyQualifiedName(fullName)
	}
	return sarif.NewLocation().WithLogicalLocations([]*sarif.LogicalLocation{ll})
}

func newResult(run *sarif.Run, ruleIndex int, level, msg string) *sarif.Result {
	r := run.CreateResultForRule(run.Tool.Driver.Rules[ruleIndex].ID).
		WithRuleIndex(ruleIndex).WithLevel(level).WithMessage(sarif.NewTextMessage(msg))
	return r
}

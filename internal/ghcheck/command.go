package ghcheck

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// The runner's workflow-command escaping (@actions/core, command.ts):
// in the data, '%', CR and LF; in a property value also ':' and ','.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// EscapeData makes untrusted text the data of one workflow command: first
// terminal-safe on one line (sanitize.Line writes controls, CR and LF as
// visible escapes), then escaped as the runner decodes it, so neither a
// raw nor an encoded ("%0A") line break can end the command.
func EscapeData(s string) string { return dataEscaper.Replace(sanitize.Line(s)) }

// EscapeProperty is EscapeData for a property value (file=, title=),
// which a ':' or ',' would otherwise end.
func EscapeProperty(s string) string { return propertyEscaper.Replace(sanitize.Line(s)) }

// Annotate writes one ::error or ::warning command per pre-scan finding
// that names a file: error for critical and high, warning below. The
// runner reads workflow commands on stdout and stderr alike; the command
// writes them to stderr so stdout stays one JSON document.
func Annotate(w io.Writer, scan *prescan.ScanResult) error {
	if scan == nil {
		return nil
	}
	for _, f := range scan.Findings {
		if f.File == "" {
			continue
		}
		cmd := "warning"
		if f.Severity >= risk.High {
			cmd = "error"
		}
		props := "file=" + EscapeProperty(f.File)
		if f.Line > 0 {
			props += fmt.Sprintf(",line=%d", f.Line)
		}
		props += ",title=" + EscapeProperty("mcptrust pre-scan: "+f.Rule+" ("+f.Severity.String()+")")
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, props, EscapeData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

package commands

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// formatKind is how a command prints its result.
type formatKind int

const (
	formatTable formatKind = iota
	formatJSON
	formatTemplate
	formatSARIF  // SARIF 2.1.0: review, lint, verify (format_ci.go)
	formatGitHub // a GitHub check-run body: review (review_github.go)
)

// Format is a parsed --format value: "table" (the default), "json", or a Go
// template such as '{{.Name}}'.
type Format struct {
	kind formatKind
	tmpl *template.Template
	raw  string
}

// ParseFormat parses a --format value. An unknown word is a usage error.
func ParseFormat(s string) (Format, error) {
	switch strings.TrimSpace(s) {
	case "", "table":
		return Format{kind: formatTable, raw: "table"}, nil
	case "json":
		return Format{kind: formatJSON, raw: "json"}, nil
	case "sarif":
		return Format{kind: formatSARIF, raw: "sarif"}, nil
	case "github":
		return Format{kind: formatGitHub, raw: "github"}, nil
	}
	if !strings.Contains(s, "{{") {
		return Format{}, FlagErrorf("invalid --format %q: want table, json, sarif, github or a Go template like '{{.Name}}'", s)
	}
	tmpl, err := template.New("format").Funcs(templateFuncs).Parse(s)
	if err != nil {
		return Format{}, FlagErrorf("invalid --format template: %w", err)
	}
	return Format{kind: formatTemplate, tmpl: tmpl, raw: s}, nil
}

// IsJSON reports whether output is the JSON contract.
func (f Format) IsJSON() bool { return f.kind == formatJSON }

// IsTemplate reports whether output is a user template.
func (f Format) IsTemplate() bool { return f.kind == formatTemplate }

// IsTable reports whether output is the human table.
func (f Format) IsTable() bool { return f.kind == formatTable }

var templateFuncs = template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
	"join":  strings.Join,
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
}

// writeJSON prints v as indented JSON with every unsafe character escaped.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding json: %w", err)
	}
	b = append(sanitize.JSON(b), '\n')
	_, err = w.Write(b)
	return err
}

// writeTemplate executes the user's template once per item, one item a line.
// The template sees a copy of the item with every string escaped as in a
// table (see templatedata.go), so no field can add a line or a column; what
// the template produced is sanitised again (its own text keeps newlines and
// tabs) before it reaches the terminal.
func writeTemplate[T any](w io.Writer, f Format, items []T) error {
	var buf bytes.Buffer
	for _, it := range items {
		safe, err := safeForTemplate(it)
		if err != nil {
			return fmt.Errorf("preparing --format data: %w", err)
		}
		if err := f.tmpl.Execute(&buf, safe); err != nil {
			return FlagErrorf("executing --format template: %w", err)
		}
		buf.WriteByte('\n')
	}
	_, err := io.WriteString(w, sanitize.Text(buf.String()))
	return err
}

// formatFromFlags reads the global --format flag of cmd.
func formatFromFlags(cmd *cobra.Command) (Format, error) {
	raw, err := cmd.Flags().GetString("format")
	if err != nil {
		return Format{}, FlagErrorf("reading --format: %w", err)
	}
	f, err := ParseFormat(raw)
	if err != nil {
		return Format{}, err
	}
	return f, formatSupported(cmd, f)
}

package sarifcheck

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/sarif-schema-2.1.0.json
var schemaText []byte

const schemaURL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaText))
	if err != nil {
		return nil, fmt.Errorf("reading the SARIF schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference and date-time are checked too
	c.RegisterFormat(uriReference)
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("adding the SARIF schema: %w", err)
	}
	return c.Compile(schemaURL)
})

// Validate reports whether doc (one SARIF log, as JSON) is valid SARIF
// 2.1.0; the error lists every violation.
func Validate(doc []byte) error {
	sch, err := compiled()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("decoding the SARIF log: %w", err)
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("SARIF 2.1.0 schema: %w", err)
	}
	return nil
}

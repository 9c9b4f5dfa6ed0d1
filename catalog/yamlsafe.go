package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"sync"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds nesting in accepted documents. Real server.yaml files
// nest about 8 deep; yaml.v3 itself stops at 10000.
const maxDepth = 64

var errEmptyDocument = errors.New("empty document")

// decodeOne parses data as exactly one YAML document and returns the root
// node after the safety walk (no anchors, aliases, merge keys, duplicate or
// complex keys, custom tags; bounded depth). lineOffset is added to every
// node's Line, for pieces cut out of a larger file. The parser runs under
// recover so a parser panic becomes a ParseError.
func decodeOne(data []byte, file string, lineOffset int) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, parseErrorf(file, 0, "", "yaml parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ParseError{File: file, Err: errEmptyDocument}
		}
		return nil, yamlError(data, file, lineOffset, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, &ParseError{File: file, Line: next.Line + lineOffset, Err: ErrMultipleDocuments}
	}
	if len(doc.Content) == 0 {
		return nil, &ParseError{File: file, Err: errEmptyDocument}
	}
	if err := checkTree(&doc, file, lineOffset); err != nil {
		return nil, err
	}
	return doc.Content[0], nil
}

// decodePiece parses a piece cut by cutPublished. The cutter refuses
// document markers, so a piece holds one document and the cheaper
// string-input parser can be used.
func decodePiece(data []byte, file string, lineOffset int) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, parseErrorf(file, 0, "", "yaml parser failed: %v", r)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(data, file, lineOffset, err)
	}
	if len(doc.Content) == 0 {
		return nil, &ParseError{File: file, Err: errEmptyDocument}
	}
	if err := checkTree(&doc, file, lineOffset); err != nil {
		return nil, err
	}
	return doc.Content[0], nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// yamlError turns a yaml.v3 error into a ParseError with the line and a
// best guess of the field being parsed there.
func yamlError(data []byte, file string, lineOffset int, err error) *ParseError {
	msg := err.Error()
	m := yamlLine().FindStringSubmatch(msg)
	if m == nil {
		return &ParseError{File: file, Err: errors.New(trimYAMLPrefix(msg))}
	}
	line, _ := strconv.Atoi(m[1])
	return &ParseError{File: file, Line: line + lineOffset, Field: fieldAtLine(data, line), Err: errors.New(m[2])}
}

func trimYAMLPrefix(s string) string {
	if len(s) > 6 && s[:6] == "yaml: " {
		return s[6:]
	}
	return s
}

// allowedTag accepts the core schema tags yaml.v3 resolves; explicit custom
// tags (`!foo`, `!!binary`, `!!python/...`) are refused.
func allowedTag(tag string) bool {
	switch tag {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!map", "!!seq":
		return true
	}
	return false
}

// checkTree walks the document once, iteratively, applying the refusals
// and adding lineOffset to every node.
func checkTree(doc *yaml.Node, file string, lineOffset int) error {
	type frame struct {
		n     *yaml.Node
		depth int
	}
	stack := []frame{{doc, 0}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		n.Line += lineOffset
		if err := checkNode(n, f.depth, file); err != nil {
			return err
		}
		if n.Kind == yaml.MappingNode {
			if err := checkKeys(n, file, lineOffset); err != nil {
				return err
			}
		}
		for _, c := range n.Content {
			stack = append(stack, frame{c, f.depth + 1})
		}
	}
	return nil
}

func checkNode(n *yaml.Node, depth int, file string) error {
	switch {
	case n.Kind == yaml.AliasNode:
		return &ParseError{File: file, Line: n.Line, Err: fmt.Errorf("%w: *%s", ErrAlias, n.Value)}
	case n.Anchor != "":
		return &ParseError{File: file, Line: n.Line, Err: fmt.Errorf("%w: &%s", ErrAnchor, n.Anchor)}
	case depth > maxDepth:
		return parseErrorf(file, n.Line, "", "nesting deeper than %d levels", maxDepth)
	case n.Kind != yaml.DocumentNode && !allowedTag(n.Tag):
		return parseErrorf(file, n.Line, "", "tag %q is not allowed", n.Tag)
	}
	return nil
}

// checkKeys refuses merge keys, non-scalar keys and duplicate keys. Keys are
// not yet offset (they are popped later), hence lineOffset here.
func checkKeys(n *yaml.Node, file string, lineOffset int) error {
	var seen map[string]bool
	if len(n.Content) > 16 {
		seen = make(map[string]bool, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		line := k.Line + lineOffset
		switch {
		case k.Tag == "!!merge":
			return &ParseError{File: file, Line: line, Err: ErrMergeKey}
		case k.Kind != yaml.ScalarNode:
			return parseErrorf(file, line, "", "only plain scalar keys are allowed")
		case seen != nil && seen[k.Value], seen == nil && dupBefore(n.Content, i):
			return &ParseError{File: file, Line: line, Field: k.Value, Err: ErrDuplicateKey}
		}
		if seen != nil {
			seen[k.Value] = true
		}
	}
	return nil
}

func dupBefore(content []*yaml.Node, i int) bool {
	for j := 0; j < i; j += 2 {
		if content[j].Value == content[i].Value {
			return true
		}
	}
	return false
}

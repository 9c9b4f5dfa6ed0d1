package pbjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Kind is the JSON type of a Node.
type Kind byte

// The JSON types.
const (
	Object Kind = 'o'
	Array  Kind = 'a'
	String Kind = 's'
	Number Kind = 'n'
	Bool   Kind = 'b'
	Null   Kind = 'z'
)

// Node is one JSON value, read so that duplicate object keys are refused
// (protojson refuses them; encoding/json keeps the last one silently).
type Node struct {
	Kind Kind
	Obj  map[string]*Node // Kind Object
	Arr  []*Node          // Kind Array
	Str  string           // Kind String; Kind Number: the number's literal
	Bool bool             // Kind Bool
}

// maxDepth bounds nesting.
const maxDepth = 100

// Parse reads one JSON value and nothing after it.
func Parse(data []byte) (*Node, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("invalid UTF-8")
	}
	if !validEscapes(data) {
		return nil, errors.New("lone UTF-16 surrogate or invalid \\u escape in a string")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readNode(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return n, nil
}

func readNode(dec *json.Decoder, depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, errors.New("JSON nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return readObject(dec, depth)
		}
		if t == '[' {
			return readArray(dec, depth)
		}
		return nil, fmt.Errorf("unexpected %q", t)
	case string:
		return &Node{Kind: String, Str: t}, nil
	case json.Number:
		return &Node{Kind: Number, Str: string(t)}, nil
	case bool:
		return &Node{Kind: Bool, Bool: t}, nil
	case nil:
		return &Node{Kind: Null}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

func readObject(dec *json.Decoder, depth int) (*Node, error) {
	n := &Node{Kind: Object, Obj: map[string]*Node{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if _, dup := n.Obj[key]; dup {
			return nil, fmt.Errorf("duplicate key %q", key)
		}
		if n.Obj[key], err = readNode(dec, depth+1); err != nil {
			return nil, err
		}
	}
	_, err := dec.Token()
	return n, err
}

func readArray(dec *json.Decoder, depth int) (*Node, error) {
	n := &Node{Kind: Array}
	for dec.More() {
		v, err := readNode(dec, depth+1)
		if err != nil {
			return nil, err
		}
		n.Arr = append(n.Arr, v)
	}
	_, err := dec.Token()
	return n, err
}

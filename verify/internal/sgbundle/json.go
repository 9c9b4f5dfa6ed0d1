package sgbundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// node is one JSON value, read so that duplicate object keys are refused
// (protojson refuses them; encoding/json keeps the last one silently).
type node struct {
	kind byte             // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	obj  map[string]*node // kind 'o'
	arr  []*node          // kind 'a'
	str  string           // kind 's'; kind 'n': the number's literal
	b    bool             // kind 'b'
}

// maxDepth bounds nesting, as protojson does.
const maxDepth = 100

// parseJSON reads one JSON value and nothing after it.
func parseJSON(data []byte) (*node, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("invalid UTF-8")
	}
	if err := loneSurrogates(data); err != nil {
		return nil, err
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

func readNode(dec *json.Decoder, depth int) (*node, error) {
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
		return &node{kind: 's', str: t}, nil
	case json.Number:
		return &node{kind: 'n', str: string(t)}, nil
	case bool:
		return &node{kind: 'b', b: t}, nil
	case nil:
		return &node{kind: 'z'}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

func readObject(dec *json.Decoder, depth int) (*node, error) {
	n := &node{kind: 'o', obj: map[string]*node{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if _, dup := n.obj[key]; dup {
			return nil, fmt.Errorf("duplicate key %q", key)
		}
		if n.obj[key], err = readNode(dec, depth+1); err != nil {
			return nil, err
		}
	}
	_, err := dec.Token()
	return n, err
}

func readArray(dec *json.Decoder, depth int) (*node, error) {
	n := &node{kind: 'a'}
	for dec.More() {
		v, err := readNode(dec, depth+1)
		if err != nil {
			return nil, err
		}
		n.arr = append(n.arr, v)
	}
	_, err := dec.Token()
	return n, err
}

// loneSurrogates refuses a \u escape of half a UTF-16 surrogate pair:
// protojson does, encoding/json reads it as U+FFFD. Malformed escapes are
// left to the decoder.
func loneSurrogates(data []byte) error {
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString:
			r, n := escapedRune(data[i:])
			if r >= 0xD800 && r < 0xDC00 {
				if r2, _ := escapedRune(data[i+n:]); r2 < 0xDC00 || r2 > 0xDFFF {
					return errors.New("lone UTF-16 surrogate in a string")
				}
				n += 6
			} else if r >= 0xDC00 && r <= 0xDFFF {
				return errors.New("lone UTF-16 surrogate in a string")
			}
			i += n - 1
		}
	}
	return nil
}

// escapedRune reads the escape at the start of b: for \uXXXX its code
// unit and length 6, for any other escape -1 and length 2.
func escapedRune(b []byte) (rune, int) {
	if len(b) < 2 || b[0] != '\\' {
		return -1, 1
	}
	if b[1] != 'u' || len(b) < 6 {
		return -1, 2
	}
	v, err := strconv.ParseUint(string(b[2:6]), 16, 16)
	if err != nil {
		return -1, 2
	}
	return rune(v), 6
}

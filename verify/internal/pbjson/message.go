package pbjson

import (
	"fmt"
	"strconv"
	"strings"
)

// Msg is a protobuf message read from JSON: its set fields by JSON name.
type Msg map[string]*Node

// Message reads n as a message with the given fields. Each field is
// "jsonName" or "jsonName|proto_name": protojson accepts either spelling,
// refuses a field set twice under both, refuses unknown fields, and treats
// null as unset. what names the message in errors.
func Message(n *Node, what string, fields ...string) (Msg, error) {
	if n.Kind != Object {
		return nil, fmt.Errorf("%s is not an object", what)
	}
	alias := map[string]string{}
	for _, f := range fields {
		j, p, _ := strings.Cut(f, "|")
		alias[j] = j
		if p != "" {
			alias[p] = j
		}
	}
	m := Msg{}
	for k, v := range n.Obj {
		name, ok := alias[k]
		if !ok {
			return nil, fmt.Errorf("%s: unknown field %q", what, k)
		}
		if _, dup := m[name]; dup {
			return nil, fmt.Errorf("%s: duplicate field %q", what, k)
		}
		m[name] = v
	}
	for k, v := range m {
		if v.Kind == Null {
			delete(m, k)
		}
	}
	return m, nil
}

// Str is a string field; unset is "".
func (m Msg) Str(f string) (string, error) {
	v, ok := m[f]
	if !ok {
		return "", nil
	}
	if v.Kind != String {
		return "", fmt.Errorf("field %s is not a string", f)
	}
	return v.Str, nil
}

// Bytes is a bytes field (see DecodeBytes); unset is nil.
func (m Msg) Bytes(f string) ([]byte, error) {
	v, ok := m[f]
	if !ok {
		return nil, nil
	}
	if v.Kind != String {
		return nil, fmt.Errorf("field %s is not a string", f)
	}
	return DecodeBytes(v.Str)
}

// Int64 is an int64 field, a JSON number or a string of decimal digits;
// unset is 0. (protojson also takes exponents; we do not.)
func (m Msg) Int64(f string) (int64, error) {
	v, ok := m[f]
	if !ok {
		return 0, nil
	}
	if v.Kind != String && v.Kind != Number {
		return 0, fmt.Errorf("field %s is not an integer", f)
	}
	i, err := strconv.ParseInt(v.Str, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("field %s: %w", f, err)
	}
	return i, nil
}

// Sub is a message field; unset is nil.
func (m Msg) Sub(f string, fields ...string) (Msg, error) {
	v, ok := m[f]
	if !ok {
		return nil, nil
	}
	return Message(v, f, fields...)
}

// List is a repeated field; unset is empty. protojson refuses null items.
func (m Msg) List(f string) ([]*Node, error) {
	v, ok := m[f]
	if !ok {
		return nil, nil
	}
	if v.Kind != Array {
		return nil, fmt.Errorf("field %s is not an array", f)
	}
	for _, it := range v.Arr {
		if it.Kind == Null {
			return nil, fmt.Errorf("field %s holds null", f)
		}
	}
	return v.Arr, nil
}

package sgbundle

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// msg is a protobuf message read from JSON: its set fields by JSON name.
type msg map[string]*node

// message reads n as a message with the given fields. Each field is
// "jsonName" or "jsonName|proto_name": protojson accepts either spelling,
// refuses a field set twice under both, refuses unknown fields, and treats
// null as unset.
func message(n *node, what string, fields ...string) (msg, error) {
	if n.kind != 'o' {
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
	m := msg{}
	for k, v := range n.obj {
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
		if v.kind == 'z' {
			delete(m, k)
		}
	}
	return m, nil
}

// str is a string field; unset is "".
func (m msg) str(f string) (string, error) {
	v, ok := m[f]
	if !ok {
		return "", nil
	}
	if v.kind != 's' {
		return "", fmt.Errorf("field %s is not a string", f)
	}
	return v.str, nil
}

// bytes is a bytes field, base64 in the standard or URL alphabet, padded
// or not, as protojson reads it; unset is nil.
func (m msg) bytes(f string) ([]byte, error) {
	v, ok := m[f]
	if !ok {
		return nil, nil
	}
	if v.kind != 's' {
		return nil, fmt.Errorf("field %s is not a string", f)
	}
	return decodeBytes(v.str)
}

func decodeBytes(s string) ([]byte, error) {
	enc := base64.StdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.URLEncoding
	}
	if len(s)%4 != 0 {
		enc = enc.WithPadding(base64.NoPadding)
	}
	b, err := enc.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("decoding base64: %w", err)
	}
	return b, nil
}

// int64 is an int64 field, a JSON number or a string of decimal digits;
// unset is 0. (protojson also takes exponents; we do not.)
func (m msg) int64(f string) (int64, error) {
	v, ok := m[f]
	if !ok {
		return 0, nil
	}
	if v.kind != 's' && v.kind != 'n' {
		return 0, fmt.Errorf("field %s is not an integer", f)
	}
	i, err := strconv.ParseInt(v.str, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("field %s: %w", f, err)
	}
	return i, nil
}

// sub is a message field; unset is nil.
func (m msg) sub(f string, fields ...string) (msg, error) {
	v, ok := m[f]
	if !ok {
		return nil, nil
	}
	return message(v, f, fields...)
}

// list is a repeated field; unset is empty. protojson refuses null items.
func (m msg) list(f string) ([]*node, error) {
	v, ok := m[f]
	if !ok {
		return nil, nil
	}
	if v.kind != 'a' {
		return nil, fmt.Errorf("field %s is not an array", f)
	}
	for _, it := range v.arr {
		if it.kind == 'z' {
			return nil, fmt.Errorf("field %s holds null", f)
		}
	}
	return v.arr, nil
}

// errNil is a required part of a log entry missing (sigstore-go's
// ErrNilValue).
var errNil = errors.New("nil value in transparency log entry")

package sigkeys

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The readers below decode JSON as protojson decodes a message, for the few
// message types of a trusted root: field names are case-sensitive and
// either the JSON or the proto name, unknown and repeated fields are
// refused, and null leaves a field unset.

// fields maps each accepted name of a message's fields to one field name.
type fields map[string]string

// names lists fields by JSON name; a snake_case proto name is derived.
func names(jsonNames ...string) fields {
	f := fields{}
	for _, n := range jsonNames {
		f[n] = n
		f[snake(n)] = n
	}
	return f
}

func snake(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('_')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// object reads one message, returning its set fields by JSON name.
func object(raw []byte, known fields) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object: %s", short(raw))
	}
	out := map[string]json.RawMessage{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		f, ok := known[name]
		if !ok {
			return nil, fmt.Errorf("unknown field %q", name)
		}
		if seen[f] {
			return nil, fmt.Errorf("duplicate field %q", name)
		}
		seen[f] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if !bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			out[f] = v
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after JSON object")
	}
	return out, nil
}

func short(raw []byte) string {
	if len(raw) > 40 {
		return string(raw[:40]) + "..."
	}
	return string(raw)
}

// list reads a repeated message field; a null element is refused.
func list(raw json.RawMessage) ([]json.RawMessage, error) {
	var out []json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	for _, e := range out {
		if bytes.Equal(bytes.TrimSpace(e), []byte("null")) {
			return nil, errors.New("null list element")
		}
	}
	return out, nil
}

// str reads a string field; unset is "".
func str(raw json.RawMessage) (string, error) {
	if raw == nil {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("want a JSON string: %w", err)
	}
	return s, nil
}

// protoBytes reads a bytes field: standard or URL-safe base64, padded or
// not, as protojson picks the alphabet and padding. Unset is nil.
func protoBytes(raw json.RawMessage) ([]byte, error) {
	if raw == nil {
		return nil, nil
	}
	s, err := str(raw)
	if err != nil {
		return nil, err
	}
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

// enum reads an enum field by value name or number; unset is 0.
func enum(raw json.RawMessage, values map[string]int32) (int32, error) {
	if raw == nil {
		return 0, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		v, ok := values[s]
		if !ok {
			return 0, fmt.Errorf("unknown enum value %q", s)
		}
		return v, nil
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 32)
	if err != nil {
		return 0, fmt.Errorf("invalid enum value %s", short(raw))
	}
	return int32(n), nil
}

// The range of a google.protobuf.Timestamp: years 1 to 9999.
const minTimestamp, maxTimestamp = -62135596800, 253402300799

// timestamp reads a google.protobuf.Timestamp: RFC 3339, at most nine
// fractional digits, within years 1 to 9999.
func timestamp(raw json.RawMessage) (time.Time, error) {
	s, err := str(raw)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid timestamp %q", s)
	}
	if secs := t.Unix(); secs < minTimestamp || secs > maxTimestamp {
		return time.Time{}, fmt.Errorf("timestamp %q out of range", s)
	}
	i, j := strings.LastIndexByte(s, '.'), strings.LastIndexAny(s, "Z-+")
	if i >= 0 && j >= i && j-i > len(".999999999") {
		return time.Time{}, fmt.Errorf("invalid timestamp %q", s)
	}
	return time.Unix(t.Unix(), int64(t.Nanosecond())).UTC(), nil
}

// validEscapes reports whether every \u escape in the JSON text that names
// a UTF-16 surrogate is a high surrogate followed by an escaped low one:
// protojson refuses the rest, which encoding/json would turn into U+FFFD.
func validEscapes(raw []byte) bool {
	inString := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString:
			if i+1 < len(raw) && raw[i+1] == 'u' {
				r, ok := escapedRune(raw, i)
				if !ok || utf16.IsSurrogate(r) && !validPair(raw, i, r) {
					return false
				}
				if utf16.IsSurrogate(r) {
					i += 6
				}
				i += 5
			} else {
				i++
			}
		}
	}
	return true
}

// escapedRune reads the \uXXXX escape at raw[i:].
func escapedRune(raw []byte, i int) (rune, bool) {
	if i+6 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 16)
	return rune(n), err == nil
}

// validPair: r, escaped at raw[i:], is a high surrogate and a low one is
// escaped right after it.
func validPair(raw []byte, i int, r rune) bool {
	if r >= 0xdc00 || i+8 > len(raw) || raw[i+6] != '\\' || raw[i+7] != 'u' {
		return false
	}
	low, ok := escapedRune(raw, i+6)
	return ok && utf16.DecodeRune(r, low) != utf8.RuneError
}

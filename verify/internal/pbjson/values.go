package pbjson

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DecodeBytes reads a bytes value: standard or URL-safe base64, padded or
// not, as protojson picks the alphabet and padding.
func DecodeBytes(s string) ([]byte, error) {
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

// Enum is an enum field by value name or decimal int32 number; unset is 0.
func (m Msg) Enum(f string, values map[string]int32) (int32, error) {
	v, ok := m[f]
	if !ok {
		return 0, nil
	}
	switch v.Kind {
	case String:
		n, ok := values[v.Str]
		if !ok {
			return 0, fmt.Errorf("field %s: unknown enum value %q", f, v.Str)
		}
		return n, nil
	case Number:
		n, err := strconv.ParseInt(v.Str, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("field %s: invalid enum value %s", f, v.Str)
		}
		return int32(n), nil
	}
	return 0, fmt.Errorf("field %s: enum value is not a string or number", f)
}

// The range of a google.protobuf.Timestamp: years 1 to 9999.
const minTimestamp, maxTimestamp = -62135596800, 253402300799

// Timestamp is a google.protobuf.Timestamp field: RFC 3339, at most nine
// fractional digits, within years 1 to 9999. Unset is nil.
func (m Msg) Timestamp(f string) (*time.Time, error) {
	if _, ok := m[f]; !ok {
		return nil, nil
	}
	s, err := m.Str(f)
	if err != nil {
		return nil, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, fmt.Errorf("invalid timestamp %q", s)
	}
	if secs := t.Unix(); secs < minTimestamp || secs > maxTimestamp {
		return nil, fmt.Errorf("timestamp %q out of range", s)
	}
	i, j := strings.LastIndexByte(s, '.'), strings.LastIndexAny(s, "Z-+")
	if i >= 0 && j >= i && j-i > len(".999999999") {
		return nil, fmt.Errorf("invalid timestamp %q", s)
	}
	u := time.Unix(t.Unix(), int64(t.Nanosecond())).UTC()
	return &u, nil
}

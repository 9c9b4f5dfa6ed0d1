package pbjson

import "testing"

// TestParseEscapeEdges: escapes cut short by the end of the input are
// refused without reading past it, and a backslash that escapes a
// backslash or a quote starts no \u escape.
func TestParseEscapeEdges(t *testing.T) {
	tests := map[string]struct {
		raw string
		ok  bool
	}{
		"backslash ends input":          {`"\`, false},
		"escape cut after two digits":   {`"\u00`, false},
		"high surrogate ends input":     {`"\ud800`, false},
		"high surrogate then cut":       {`"\ud800\u`, false},
		"high surrogate then short low": {`"\ud800\udc0`, false},
		"escaped quote":                 {`"a\"b"`, true},
		"escaped backslash then u":      {`"\\ud800"`, true},
		"escaped backslash at end":      {`"\\"`, true},
		"escaped quote then escape":     {`"\"\u00e9"`, true},
		"low surrogate after escapes":   {`"\\\udc00"`, false},
	}
	for name, tt := range tests {
		// No spare capacity: a slice past the end panics instead of
		// reading whatever lies behind the input.
		raw := []byte(tt.raw)
		if _, err := Parse(raw[:len(raw):len(raw)]); (err == nil) != tt.ok {
			t.Errorf("%s: Parse(%s) = %v, want ok %v", name, tt.raw, err, tt.ok)
		}
	}
}

// TestNestingLimit: exactly maxDepth levels under the root are read, one
// more is refused.
func TestNestingLimit(t *testing.T) {
	deep := func(n int) []byte {
		s := make([]byte, 0, 2*n)
		for range n {
			s = append(s, '[')
		}
		for range n {
			s = append(s, ']')
		}
		return s
	}
	if _, err := Parse(deep(maxDepth + 1)); err != nil {
		t.Errorf("Parse(%d arrays deep) = %v, want nil", maxDepth+1, err)
	}
	if _, err := Parse(deep(maxDepth + 2)); err == nil {
		t.Errorf("Parse(%d arrays deep) = nil, want an error", maxDepth+2)
	}
}

// TestTimestampEdges: the first and last instants of years 1 to 9999 and
// nine fractional digits are read; one second or one digit more is not.
func TestTimestampEdges(t *testing.T) {
	tests := map[string]bool{
		"0001-01-01T00:00:00Z":                 true,
		"0000-12-31T23:59:59Z":                 false,
		"0001-01-01T00:00:00+00:01":            false,
		"9999-12-31T23:59:59Z":                 true,
		"9999-12-31T23:59:59.999999999Z":       true,
		"9999-12-31T23:59:59-00:01":            false,
		"2024-01-01T00:00:00.123456789Z":       true,
		"2024-01-01T00:00:00.123456789+01:00":  true,
		"2024-01-01T00:00:00.1234567891+01:00": false,
	}
	for s, ok := range tests {
		_, err := Msg{"at": {Kind: String, Str: s}}.Timestamp("at")
		if (err == nil) != ok {
			t.Errorf("Timestamp(%s) = %v, want ok %v", s, err, ok)
		}
	}
}

package pbjson

import (
	"testing"
	"time"
)

// fields of the message every case reads.
var fields = []string{"name", "logIndex|log_index", "data", "items", "sub", "kind", "at"}

// read parses and reads every field of a message as its type says.
func read(raw string) error {
	n, err := Parse([]byte(raw))
	if err != nil {
		return err
	}
	m, err := Message(n, "test", fields...)
	if err != nil {
		return err
	}
	if _, err := m.Str("name"); err != nil {
		return err
	}
	if _, err := m.Int64("logIndex"); err != nil {
		return err
	}
	if _, err := m.Bytes("data"); err != nil {
		return err
	}
	if _, err := m.List("items"); err != nil {
		return err
	}
	if _, err := m.Sub("sub", "name"); err != nil {
		return err
	}
	if _, err := m.Enum("kind", map[string]int32{"A": 1}); err != nil {
		return err
	}
	_, err = m.Timestamp("at")
	return err
}

func TestRead(t *testing.T) {
	tests := map[string]struct {
		raw string
		ok  bool
	}{
		"empty message":            {`{}`, true},
		"every field":              {`{"name":"n","logIndex":"3","data":"AAE=","items":[1],"sub":{"name":"x"},"kind":"A","at":"2024-01-01T00:00:00Z"}`, true},
		"proto names":              {`{"log_index":3}`, true},
		"null is unset":            {`{"name":null,"sub":null}`, true},
		"url base64 unpadded":      {`{"data":"-_8"}`, true},
		"enum number":              {`{"kind":7}`, true},
		"surrogate pair":           {`{"name":"\ud83d\ude00"}`, true},
		"unknown field":            {`{"extra":1}`, false},
		"field under both names":   {`{"logIndex":1,"log_index":1}`, false},
		"duplicate key":            {`{"name":"a","name":"a"}`, false},
		"duplicate key, one null":  {`{"name":null,"name":"a"}`, false},
		"duplicate key deep":       {`{"items":[{"a":1,"a":1}]}`, false},
		"not an object":            {`[]`, false},
		"trailing data":            {`{} {}`, false},
		"invalid UTF-8":            {"{\"name\":\"\xff\"}", false},
		"lone high surrogate":      {`{"name":"\ud800"}`, false},
		"lone low surrogate":       {`{"name":"\udc00x"}`, false},
		"high then non-escape":     {`{"name":"\ud800x\udc00"}`, false},
		"bad hex escape":           {`{"name":"\u12g4"}`, false},
		"string field is a number": {`{"name":1}`, false},
		"int64 with exponent":      {`{"logIndex":1e3}`, false},
		"int64 fraction":           {`{"logIndex":"1.5"}`, false},
		"bad base64":               {`{"data":"!!"}`, false},
		"list not an array":        {`{"items":{}}`, false},
		"list holds null":          {`{"items":[null]}`, false},
		"unknown sub field":        {`{"sub":{"other":1}}`, false},
		"unknown enum name":        {`{"kind":"B"}`, false},
		"enum name as number text": {`{"kind":"1"}`, false},
		"enum out of int32":        {`{"kind":4294967296}`, false},
		"enum bool":                {`{"kind":true}`, false},
		"timestamp not RFC 3339":   {`{"at":"2024-01-01"}`, false},
		"timestamp ten digits":     {`{"at":"2024-01-01T00:00:00.1234567891Z"}`, false},
		"timestamp year 0":         {`{"at":"0000-12-31T23:59:59Z"}`, false},
		"timestamp a number":       {`{"at":0}`, false},
	}
	for name, tt := range tests {
		if err := read(tt.raw); (err == nil) != tt.ok {
			t.Errorf("%s: read(%s) = %v, want ok %v", name, tt.raw, err, tt.ok)
		}
	}
}

func TestNesting(t *testing.T) {
	deep := func(n int) string {
		s := `{"items":`
		for range n {
			s += "["
		}
		for range n {
			s += "]"
		}
		return s + "}"
	}
	if err := read(deep(99)); err != nil {
		t.Errorf("read(99 arrays deep) = %v, want nil", err)
	}
	if err := read(deep(101)); err == nil {
		t.Error("read(101 arrays deep) = nil, want an error")
	}
}

func TestTimestampValue(t *testing.T) {
	m := Msg{"at": {Kind: String, Str: "2024-01-02T03:04:05.5+01:00"}}
	got, err := m.Timestamp("at")
	want := time.Date(2024, 1, 2, 2, 4, 5, 5e8, time.UTC)
	if err != nil || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Timestamp = %v, %v, want %v", got, err, want)
	}
}

package pbjson

import (
	"bytes"
	"encoding/json"
	"math/big"
	"reflect"
	"testing"
)

// FuzzParse: whatever Parse accepts is valid JSON that encoding/json reads
// to the same values (numbers compared exactly), so the stricter reader
// never sees a document the standard one reads differently.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":[true,null,"x"],"c":{"d":-2.5e3}}`,
		`"\ud83d\ude00"`, `[]`, `{"a":"\u00e9"}`, `123456789012345678901234567890`,
		`{"a":{"a":{"a":[1,[2,[3]]]}}}`, ` {"k" : "v"} `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Parse(data)
		if err != nil {
			return
		}
		if !json.Valid(data) {
			t.Fatalf("Parse accepted invalid JSON %q", data)
		}
		var want any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json refuses %q that Parse accepted: %v", data, err)
		}
		if got := plain(n); !sameValue(got, want) {
			t.Fatalf("Parse read %q as %#v, encoding/json as %#v", data, got, want)
		}
	})
}

// plain turns a Node into what encoding/json decodes with UseNumber.
func plain(n *Node) any {
	switch n.Kind {
	case Object:
		m := map[string]any{}
		for k, v := range n.Obj {
			m[k] = plain(v)
		}
		return m
	case Array:
		a := []any{}
		for _, v := range n.Arr {
			a = append(a, plain(v))
		}
		return a
	case String:
		return n.Str
	case Number:
		return json.Number(n.Str)
	case Bool:
		return n.Bool
	}
	return nil
}

// sameValue compares decoded values, numbers by exact rational value.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		rx, okx := new(big.Rat).SetString(string(x))
		ry, oky := new(big.Rat).SetString(string(y))
		return okx && oky && rx.Cmp(ry) == 0
	}
	return reflect.DeepEqual(a, b)
}

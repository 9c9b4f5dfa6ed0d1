package verify

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// leafPaths lists the path of every value in v, objects and arrays
// included, in a stable order.
func leafPaths(v any, prefix []any) [][]any {
	out := [][]any{prefix}
	switch x := v.(type) {
	case jsonObj:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, leafPaths(x[k], append(append([]any{}, prefix...), k))...)
		}
	case []any:
		for i, it := range x {
			out = append(out, leafPaths(it, append(append([]any{}, prefix...), i))...)
		}
	}
	return out
}

// setPath replaces (or, with del, removes) the value at path in a copy of v.
func setPath(v any, path []any, nv any, del bool) any {
	if len(path) == 0 {
		return nv
	}
	switch x := v.(type) {
	case jsonObj:
		c := jsonObj{}
		for k, val := range x {
			c[k] = val
		}
		k := path[0].(string)
		if del && len(path) == 1 {
			delete(c, k)
		} else {
			c[k] = setPath(x[k], path[1:], nv, del)
		}
		return c
	case []any:
		c := append([]any{}, x...)
		i := path[0].(int)
		if del && len(path) == 1 {
			return append(c[:i], c[i+1:]...)
		}
		c[i] = setPath(x[i], path[1:], nv, del)
		return c
	}
	return v
}

// replacements are what each value of a bundle is replaced with.
var replacements = []any{nil, "", "0", "-1", "AAAA", "x", json.Number("0"), json.Number("1.5"), true, jsonObj{}, []any{}, "sha256"}

// TestBundleMutationsNeverLaxer replaces and removes every value of a
// valid bundle, and of its log entry's body (re-signed by the log), and
// requires sgbundle to reach cosign's verdict; it may only be stricter
// about a kindVersion that disagrees with the body (sgbundle's doc).
func TestBundleMutationsNeverLaxer(t *testing.T) {
	e := newDiffEnv(t)
	base := e.bundle(t, e.key, e.rekor, 1, 3)
	check := func(name string, m any) {
		raw, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		ours, ourErr := ourVerdict(raw, e.sv, e.tm, e.digest)
		ref, refErr := cosignVerdict(raw, e.sv, e.tm, e.digest)
		switch {
		case (ours.sig && !ref.sig) || (ours.tlog && !ref.tlog):
			t.Errorf("%s: sgbundle %+v, cosign %+v (%v)", name, ours, ref, refErr)
		case ours != ref && !strings.Contains(name, "kindVersion"):
			t.Errorf("%s: sgbundle %+v (%v), cosign %+v", name, ours, ourErr, ref)
		}
	}
	for _, p := range leafPaths(base, nil)[1:] {
		check(fmt.Sprintf("delete %v", p), setPath(base, p, nil, true))
		for _, r := range replacements {
			check(fmt.Sprintf("%v = %#v", p, r), setPath(base, p, r, false))
		}
	}
	var body jsonObj
	if err := json.Unmarshal(unb64(t, entry(base)["canonicalizedBody"]), &body); err != nil {
		t.Fatal(err)
	}
	for _, p := range leafPaths(body, nil)[1:] {
		check(fmt.Sprintf("body: delete %v", p), relogged(t, e, base, setPath(body, p, nil, true)))
		for _, r := range replacements {
			check(fmt.Sprintf("body: %v = %#v", p, r), relogged(t, e, base, setPath(body, p, r, false)))
		}
	}
}

// relogged is base with its entry's body replaced and signed by the log.
func relogged(t *testing.T, e *diffEnv, base jsonObj, body any) jsonObj {
	t.Helper()
	var m jsonObj
	raw, _ := json.Marshal(base)
	_ = json.Unmarshal(raw, &m)
	b, _ := json.Marshal(body)
	entry(m)["canonicalizedBody"] = b64(b)
	relog(t, m, e.rekor)
	return m
}

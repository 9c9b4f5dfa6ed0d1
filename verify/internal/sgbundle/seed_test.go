package sgbundle

import (
	"encoding/json"
	"os"
	"testing"
)

// seedJSON is the fuzz seed bundle as generic JSON, for tests to edit.
func seedJSON(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("testdata/fuzz-bundle.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// obj walks m down a path of object keys.
func obj(m map[string]any, path ...string) map[string]any {
	for _, k := range path {
		m = m[k].(map[string]any)
	}
	return m
}

// seedEntries is the seed's tlogEntries list.
func seedEntries(m map[string]any) []any {
	return obj(m, "verificationMaterial")["tlogEntries"].([]any)
}

// setEntries replaces the seed's tlogEntries.
func setEntries(m map[string]any, es []any) {
	obj(m, "verificationMaterial")["tlogEntries"] = es
}

// cloneEntry deep-copies the seed's first entry.
func cloneEntry(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(seedEntries(m)[0])
	if err != nil {
		t.Fatal(err)
	}
	var e map[string]any
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// edited parses the seed after edit changed it.
func edited(t *testing.T, edit func(m map[string]any)) (*Bundle, error) {
	t.Helper()
	m := seedJSON(t)
	if edit != nil {
		edit(m)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(raw)
}

// mediaType sets the seed's media type to that of version v.
func mediaType(v string) func(m map[string]any) {
	return func(m map[string]any) { m["mediaType"] = MediaTypeBase + ".v" + v + "+json" }
}

// without drops a field of every log entry.
func without(field string) func(m map[string]any) {
	return func(m map[string]any) {
		for _, e := range seedEntries(m) {
			delete(e.(map[string]any), field)
		}
	}
}

// both applies two edits.
func both(f, g func(m map[string]any)) func(m map[string]any) {
	return func(m map[string]any) { f(m); g(m) }
}

package commands

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

type tdName string

type tdInner struct {
	Title  tdName
	Tags   []string
	Arr    [2]string
	Err    error
	Any    any
	hidden string
}

type tdOuter struct {
	Name   string
	Inner  *tdInner
	Values map[string]string
	List   []tdInner
	N      int
}

const hostile = "a\nb\tc\x1b[2Jd\u202Ee"

const hostileEscaped = `a\nb\tc\x1b[2Jd\u{202E}e`

// Every string a template can reach is escaped, through pointers, slices,
// arrays, maps (keys too), interfaces and errors; the original is not
// touched; unexported fields are out of reach and kept.
func TestSafeForTemplateReachesEveryString(t *testing.T) {
	in := tdOuter{
		Name: hostile,
		Inner: &tdInner{Title: hostile, Tags: []string{hostile}, Arr: [2]string{"ok", hostile},
			Err: errors.New(hostile), Any: hostile, hidden: hostile},
		Values: map[string]string{hostile: hostile},
		List:   []tdInner{{Title: hostile, Any: &tdInner{Title: hostile}}},
		N:      7,
	}
	out, err := safeForTemplate(in)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{out.Name, string(out.Inner.Title), out.Inner.Tags[0], out.Inner.Arr[1], out.Inner.Err.Error(),
		out.Inner.Any.(string), out.Values[hostileEscaped], string(out.List[0].Title), string(out.List[0].Any.(*tdInner).Title)}
	for i, s := range got {
		if s != hostileEscaped {
			t.Errorf("value %d = %q, want %q", i, s, hostileEscaped)
		}
	}
	if out.N != 7 || out.Inner.Arr[0] != "ok" || out.Inner.hidden != hostile {
		t.Errorf("copy lost plain values: %+v", out)
	}
	if in.Name != hostile || in.Inner.Title != hostile || in.Inner.Tags[0] != hostile || in.Values[hostile] != hostile {
		t.Errorf("the original was modified: %+v", in)
	}
}

type tdCycle struct{ Next *tdCycle }

type tdEmbeds struct{ tdInner }

func TestSafeForTemplateFailsClosed(t *testing.T) {
	c := &tdCycle{}
	c.Next = c
	if _, err := safeForTemplate(c); !errors.Is(err, errTemplateDepth) {
		t.Errorf("cyclic value: err = %v, want errTemplateDepth", err)
	}
	if _, err := safeForTemplate(tdEmbeds{}); !errors.Is(err, errEmbedded) {
		t.Errorf("embedded unexported struct: err = %v, want errEmbedded", err)
	}
	f, _ := ParseFormat("{{.Next}}")
	if err := writeTemplate(&strings.Builder{}, f, []*tdCycle{c}); err == nil {
		t.Error("writeTemplate(cyclic) = nil, want an error")
	}
}

// Every command's template data, with every reachable string set to
// hostile text, comes out of safeForTemplate with no string holding a raw
// newline, tab, ESC or bidi character: a field added later is covered too.
func TestSafeForTemplateOnEveryCommandsData(t *testing.T) {
	for name, v := range map[string]any{
		"catalog": &catalog.Server{}, "lint": &catalog.Problem{}, "verify": &verify.Result{},
		"report": &reportView{}, "pin": &pinResult{}, "review": &reviewer.Result{}, "version": &versionInfo{},
	} {
		rv := reflect.ValueOf(v).Elem()
		fillHostile(rv, 0)
		out, err := safeForTemplate(rv.Interface())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		n := 0
		walkStrings(reflect.ValueOf(out), 0, func(path, s string) {
			n++
			if strings.ContainsAny(s, "\n\t\x1b\u202E") {
				t.Errorf("%s: %s = %q, still raw", name, path, s)
			}
		})
		if n == 0 {
			t.Errorf("%s: no string reached: the walk is broken", name)
		}
	}
}

// fillHostile sets every exported string reachable from v to hostile text,
// giving slices and maps one element and pointers a value.
func fillHostile(v reflect.Value, depth int) {
	if depth > 8 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(hostile)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillHostile(v.Elem(), depth+1)
	case reflect.Struct:
		for i := range v.NumField() {
			fillHostile(v.Field(i), depth+1)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillHostile(v.Index(0), depth+1)
	case reflect.Map:
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillHostile(k, depth+1)
		fillHostile(e, depth+1)
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(k, e)
	}
}

func walkStrings(v reflect.Value, depth int, fn func(path, s string)) {
	if depth > 10 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		fn(v.Type().String(), v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), depth+1, fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), depth+1, func(p, s string) { fn(v.Type().Field(i).Name+"."+p, s) })
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), depth+1, fn)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			walkStrings(it.Key(), depth+1, fn)
			walkStrings(it.Value(), depth+1, fn)
		}
	}
}

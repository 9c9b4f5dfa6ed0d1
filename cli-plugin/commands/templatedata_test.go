package commands

import (
	"errors"
	"strings"
	"testing"
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

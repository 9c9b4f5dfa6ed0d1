package commands

import (
	"errors"
	"reflect"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// A --format template may print any field of a command's result, and most
// of them are untrusted (titles, descriptions, reasons, reports). Escaping
// the template's output afterwards cannot tell a newline the user wrote in
// the template from one a hostile title carries, and a title with "\n"
// forges a record for a script reading one line per record. So the template
// runs on a copy of each item in which every string it can reach is escaped
// as in a table cell (sanitize.Line: newline and tab included); the
// template's own text keeps its newlines and tabs.

// maxTemplateDepth bounds the copy, so a cyclic value is an error rather
// than an endless walk.
const maxTemplateDepth = 64

var (
	errTemplateDepth = errors.New("template data nested too deeply")
	errEmbedded      = errors.New("template data embeds an unexported type")
	errorType        = reflect.TypeFor[error]()
)

// safeError stands for an error value in template data: its message,
// escaped. Error() of the original might read unexported, raw text.
type safeError struct{ msg string }

func (e safeError) Error() string { return e.msg }

// safeForTemplate returns a deep copy of v with every string escaped by
// sanitize.Line: fields (exported ones; unexported fields are out of a
// template's reach), elements, map keys and values, through pointers and
// interfaces; an error is replaced by its escaped message. Types are kept,
// so the template sees the same fields and methods.
func safeForTemplate[T any](v T) (T, error) {
	rv := reflect.ValueOf(&v).Elem()
	out, err := safeValue(rv, 0)
	if err != nil {
		var zero T
		return zero, err
	}
	return out.Interface().(T), nil
}

func safeValue(v reflect.Value, depth int) (reflect.Value, error) {
	if depth > maxTemplateDepth {
		return v, errTemplateDepth
	}
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(sanitize.Line(v.String()))
		return out, nil
	case reflect.Pointer, reflect.Interface:
		return safeIndirect(v, depth)
	case reflect.Struct:
		return safeStruct(v, depth)
	case reflect.Slice, reflect.Array:
		return safeList(v, depth)
	case reflect.Map:
		return safeMap(v, depth)
	}
	return v, nil // numbers, bools, funcs, channels: nothing to escape
}

func safeIndirect(v reflect.Value, depth int) (reflect.Value, error) {
	if v.IsNil() {
		return v, nil
	}
	if v.Kind() == reflect.Interface {
		if err, ok := v.Interface().(error); ok && errorType.AssignableTo(v.Type()) {
			out := reflect.New(v.Type()).Elem()
			out.Set(reflect.ValueOf(safeError{sanitize.Line(err.Error())}))
			return out, nil
		}
	}
	inner, err := safeValue(v.Elem(), depth+1)
	if err != nil {
		return v, err
	}
	out := reflect.New(v.Type()).Elem()
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(inner)
		inner = p
	}
	out.Set(inner)
	return out, nil
}

func safeStruct(v reflect.Value, depth int) (reflect.Value, error) {
	out := reflect.New(v.Type()).Elem()
	out.Set(v) // unexported fields as they are: a template cannot reach them
	for i := range v.NumField() {
		if !out.Field(i).CanSet() {
			if v.Type().Field(i).Anonymous {
				return v, errEmbedded // its exported fields are in reach and cannot be set
			}
			continue
		}
		f, err := safeValue(v.Field(i), depth+1)
		if err != nil {
			return v, err
		}
		out.Field(i).Set(f)
	}
	return out, nil
}

func safeList(v reflect.Value, depth int) (reflect.Value, error) {
	if v.Kind() == reflect.Slice && v.IsNil() {
		return v, nil
	}
	out := reflect.New(v.Type()).Elem()
	if v.Kind() == reflect.Slice {
		out = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	}
	for i := range v.Len() {
		e, err := safeValue(v.Index(i), depth+1)
		if err != nil {
			return v, err
		}
		out.Index(i).Set(e)
	}
	return out, nil
}

func safeMap(v reflect.Value, depth int) (reflect.Value, error) {
	if v.IsNil() {
		return v, nil
	}
	out := reflect.MakeMapWithSize(v.Type(), v.Len())
	for it := v.MapRange(); it.Next(); {
		k, err := safeValue(it.Key(), depth+1)
		if err != nil {
			return v, err
		}
		e, err := safeValue(it.Value(), depth+1)
		if err != nil {
			return v, err
		}
		out.SetMapIndex(k, e)
	}
	return out, nil
}

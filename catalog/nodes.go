package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder converts checked yaml.Node trees into model values, reading every
// scalar from its raw Node.Value (never through numbers) and collecting
// unknown keys instead of failing on them.
type decoder struct {
	file    string
	unknown []string
}

func (d *decoder) errAt(n *yaml.Node, field, format string, args ...any) error {
	return parseErrorf(d.file, n.Line, field, format, args...)
}

func (d *decoder) unknownKey(path, key string) {
	d.unknown = append(d.unknown, join(path, key))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the scalar %q", n.Value)
	}
	return "an unexpected node"
}

// each calls fn for every key of a mapping; null counts as empty.
func (d *decoder) each(n *yaml.Node, path string, fn func(key string, v *yaml.Node) error) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errAt(n, path, "want a mapping, got %s", kindName(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if err := fn(n.Content[i].Value, n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) str(n *yaml.Node, field string) (string, error) {
	if isNull(n) {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", d.errAt(n, field, "want a string, got %s", kindName(n))
	}
	return n.Value, nil
}

func (d *decoder) setStr(dst *string, n *yaml.Node, field string) error {
	v, err := d.str(n, field)
	*dst = v
	return err
}

func (d *decoder) setBool(dst *bool, n *yaml.Node, field string) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return d.errAt(n, field, "want true or false, got %s", kindName(n))
	}
	*dst = strings.EqualFold(n.Value, "true")
	return nil
}

func (d *decoder) setInt(dst *int64, n *yaml.Node, field string) error {
	if isNull(n) {
		return nil
	}
	v, err := strconv.ParseInt(n.Value, 10, 64)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
		return d.errAt(n, field, "want a decimal integer, got %s", kindName(n))
	}
	*dst = v
	return nil
}

func (d *decoder) strList(n *yaml.Node, field string) ([]string, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, d.errAt(n, field, "want a list, got %s", kindName(n))
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, d.errAt(c, field, "want a list of strings, got %s", kindName(c))
		}
		out = append(out, c.Value)
	}
	return out, nil
}

func (d *decoder) setStrList(dst *[]string, n *yaml.Node, field string) error {
	v, err := d.strList(n, field)
	*dst = v
	return err
}

func (d *decoder) setStrMap(dst *map[string]string, n *yaml.Node, field string) error {
	m := map[string]string{}
	err := d.each(n, field, func(k string, v *yaml.Node) error {
		s, err := d.str(v, join(field, k))
		m[k] = s
		return err
	})
	*dst = m
	return err
}

// eachItem calls fn for every element of a list; null counts as empty.
func (d *decoder) eachItem(n *yaml.Node, field string, fn func(item *yaml.Node) error) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return d.errAt(n, field, "want a list, got %s", kindName(n))
	}
	for _, c := range n.Content {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

package catalog

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

var keyLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^( *)((?:- +)*)([A-Za-z0-9_][A-Za-z0-9_.-]*) *:(?: |$)`)
})

// fieldAtLine guesses the dotted path of the field being parsed at a 1-based
// line, from indentation alone. It is only used to name the field in a YAML
// syntax error, where no node tree exists; "" when it cannot tell.
func fieldAtLine(data []byte, line int) string {
	type key struct {
		indent int
		name   string
	}
	var stack []key
	for n, raw := range bytes.SplitN(data, []byte("\n"), line+1) {
		if n >= line {
			break
		}
		m := keyLine().FindSubmatch(bytes.TrimRight(raw, "\r"))
		if m == nil {
			continue
		}
		indent := len(m[1]) + len(m[2])
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, key{indent, string(m[3])})
	}
	names := make([]string, len(stack))
	for i, k := range stack {
		names[i] = k.name
	}
	return strings.Join(names, ".")
}

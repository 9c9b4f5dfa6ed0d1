package proxy

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxDepth bounds JSON nesting; real requests stay far below it.
const maxDepth = 128

// Body rules (THREATS E10, 4.4). Each forbidden feature makes the provider
// reach a URL, run code or keep data on the agent's behalf, which turns the
// allowed host into an exfiltration channel.
var (
	// anthropicForbiddenKeys are top-level request keys refused outright.
	anthropicForbiddenKeys = []string{"mcp_servers", "container"}
	// openAIToolTypes are the only OpenAI tool types allowed: the
	// client-side ones Codex uses. Hosted tools (web_search*, mcp,
	// file_search, code_interpreter, image_generation,
	// computer_use_preview) are refused.
	openAIToolTypes = map[string]bool{"function": true, "custom": true, "local_shell": true}
	// forbiddenSourceTypes are content sources the provider would fetch or
	// look up: {"source": {"type": "url" | "file"}}.
	forbiddenSourceTypes = map[string]bool{"url": true, "file": true}
)

// inspectBody parses the body strictly and applies the provider's rules.
func inspectBody(p Provider, body []byte) *rejection {
	if err := checkJSON(body); err != nil {
		return reject(http.StatusBadRequest, "request body: %v", err)
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return reject(http.StatusBadRequest, "request body is not a JSON object")
	}
	if p == Anthropic {
		return inspectAnthropic(doc)
	}
	return inspectOpenAI(doc)
}

func inspectAnthropic(doc map[string]any) *rejection {
	for k := range doc {
		for _, bad := range anthropicForbiddenKeys {
			if strings.EqualFold(k, bad) {
				return reject(http.StatusForbidden, "%s is not allowed", bad)
			}
		}
	}
	for _, t := range asList(doc["tools"]) {
		typ, has := toolType(t)
		if has && typ != "custom" {
			return reject(http.StatusForbidden, "server tools are not allowed; only client tools")
		}
	}
	return inspectSources(doc)
}

func inspectOpenAI(doc map[string]any) *rejection {
	if b, ok := doc["background"].(bool); ok && b {
		return reject(http.StatusForbidden, "background responses are not allowed")
	}
	for _, t := range asList(doc["tools"]) {
		if typ, _ := toolType(t); !openAIToolTypes[typ] {
			return reject(http.StatusForbidden, "hosted tools are not allowed; only function tools")
		}
	}
	if tc, ok := doc["tool_choice"].(map[string]any); ok {
		if typ, _ := tc["type"].(string); typ != "function" && typ != "custom" {
			return reject(http.StatusForbidden, "tool_choice may name only function tools")
		}
	}
	return inspectSources(doc)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// toolType returns a tool's "type" and whether it has one. A tool that is
// not an object has the empty type, which no allowlist contains.
func toolType(t any) (string, bool) {
	m, ok := t.(map[string]any)
	if !ok {
		return "", true
	}
	v, has := m["type"]
	s, _ := v.(string)
	return s, has
}

// inspectSources walks the document for content the provider would fetch:
// a source of type url or file, an image_url or file_url that is a URL, or
// a file_id. Tool-call inputs written by the model are data, not content
// blocks, and are skipped.
func inspectSources(v any) *rejection {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if k == "input" && x["type"] == "tool_use" {
				continue
			}
			if rej := inspectField(k, val); rej != nil {
				return rej
			}
			if rej := inspectSources(val); rej != nil {
				return rej
			}
		}
	case []any:
		for _, e := range x {
			if rej := inspectSources(e); rej != nil {
				return rej
			}
		}
	}
	return nil
}

func inspectField(k string, val any) *rejection {
	switch strings.ToLower(k) {
	case "source":
		if m, ok := val.(map[string]any); ok {
			if typ, _ := m["type"].(string); forbiddenSourceTypes[strings.ToLower(typ)] {
				return reject(http.StatusForbidden, "url and file content sources are not allowed")
			}
		}
	case "image_url", "file_url":
		if s, ok := val.(string); ok && !strings.HasPrefix(s, "data:") {
			return reject(http.StatusForbidden, "content fetched from a URL is not allowed")
		}
	case "file_id":
		return reject(http.StatusForbidden, "stored files are not allowed")
	}
	return nil
}

// checkJSON accepts exactly one JSON value of valid UTF-8, nested at most
// maxDepth deep, with no object holding the same key twice: parsers that
// keep the first and the last duplicate disagree, and a smuggled second
// "tools" must not pass inspection.
func checkJSON(body []byte) error {
	if !utf8.Valid(body) {
		return errors.New("not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	w := &jsonWalk{}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return errors.New("not valid JSON")
		}
		if err := w.token(tok); err != nil {
			return err
		}
	}
	if !w.done || len(w.stack) != 0 {
		return errors.New("not one complete JSON value")
	}
	return nil
}

type jsonFrame struct {
	obj     bool
	wantKey bool
	keys    map[string]bool
}

type jsonWalk struct {
	stack []*jsonFrame
	done  bool
}

func (w *jsonWalk) token(tok json.Token) error {
	if w.done {
		return errors.New("data after the JSON value")
	}
	if n := len(w.stack); n > 0 && w.stack[n-1].obj && w.stack[n-1].wantKey {
		top := w.stack[n-1]
		if tok == json.Delim('}') {
			w.pop()
			return nil
		}
		k, _ := tok.(string)
		if top.keys[k] {
			return errors.New("duplicate object key")
		}
		top.keys[k], top.wantKey = true, false
		return nil
	}
	switch tok {
	case json.Delim('{'), json.Delim('['):
		if len(w.stack) >= maxDepth {
			return errors.New("nested too deep")
		}
		obj := tok == json.Delim('{')
		w.stack = append(w.stack, &jsonFrame{obj: obj, wantKey: obj, keys: map[string]bool{}})
	case json.Delim('}'), json.Delim(']'):
		w.pop()
	default:
		w.valueDone()
	}
	return nil
}

func (w *jsonWalk) pop() {
	w.stack = w.stack[:len(w.stack)-1]
	w.valueDone()
}

func (w *jsonWalk) valueDone() {
	if len(w.stack) == 0 {
		w.done = true
		return
	}
	if top := w.stack[len(w.stack)-1]; top.obj {
		top.wantKey = true
	}
}

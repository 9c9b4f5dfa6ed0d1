package catalog

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxToolsFile caps a tools.json read by lint (the snapshot's largest is
// about 100 KiB).
const maxToolsFile = 4 << 20

// registryTool is the shape the registry's validator decodes tools.json
// into (its mcp.Tool, arguments with "desc"), so a value of the wrong JSON
// type fails here as it fails there.
type registryTool struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Annotations json.RawMessage `json:"annotations"`
	Arguments   []struct {
		Name     string         `json:"name"`
		Type     string         `json:"type"`
		Desc     string         `json:"desc"`
		Optional bool           `json:"optional"`
		Items    map[string]any `json:"items"`
	} `json:"arguments"`
}

// toolsRule is the offline part of the registry's tool-list check for an
// entry with remote.url: dynamic tools pass; otherwise a tools.json beside
// server.yaml must decode and describe every argument. Without tools.json
// the registry asks the remote itself, which lint does not do.
func (l *linter) toolsRule() {
	s := l.s
	if l.folder == "" || s.Remote == nil || s.Remote.URL == "" || l.dynamicTools() {
		return
	}
	path := filepath.Join(filepath.Dir(l.file), "tools.json")
	data, err := readFileCapped(path, maxToolsFile, true)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	add := func(format string, args ...any) {
		l.addAt(0, "remote-tools", "", format, args...)
		l.problems[len(l.problems)-1].File = path
	}
	if err != nil {
		add("%s", strings.TrimPrefix(err.Error(), path+": "))
		return
	}
	var tools []registryTool
	if err := json.Unmarshal(data, &tools); err != nil {
		add("not a list of tools: %v", err)
		return
	}
	for _, t := range tools {
		for _, a := range t.Arguments {
			if a.Desc == "" {
				add("tool %q: argument %q has no description (\"desc\")", t.Name, a.Name)
				return
			}
		}
	}
}

// dynamicTools reports dynamic: {tools: true}.
func (l *linter) dynamicTools() bool {
	t := mapGet(mapGet(l.root, "dynamic"), "tools")
	return t != nil && t.Kind == yaml.ScalarNode && t.Tag == "!!bool" && strings.EqualFold(t.Value, "true")
}

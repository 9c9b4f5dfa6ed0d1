package reviewer

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
)

//go:embed agents/prompt-template.md agents/report-template.md agents/answer-schema.json
var agentFiles embed.FS

var promptTemplate = template.Must(template.ParseFS(agentFiles, "agents/prompt-template.md"))

// PromptTarget is what the prompt says about the review target. Every
// value can come from a catalog or a repository (untrusted): RenderPrompt
// puts them in the prompt only as escaped JSON.
type PromptTarget struct {
	Repository  string       `json:"repository"`
	Server      string       `json:"server,omitempty"`
	Directory   string       `json:"directory,omitempty"`
	Mode        prescan.Mode `json:"review_mode"`
	HeadCommit  string       `json:"head_commit"`
	BaseCommit  string       `json:"base_commit,omitempty"`
	CommitRange string       `json:"commit_range,omitempty"`
}

// RenderPrompt writes the agent's prompt: the template with the target and
// the pre-scan findings as JSON data blocks (THREATS E16). The JSON is
// ASCII only (every other character, the Unicode tag block included, is a
// \u escape; <, > and & too) and has no raw newline inside a value, so
// nothing from the code under review can close the block, hide itself or
// look like a heading or an instruction of ours.
func RenderPrompt(t PromptTarget, scan *prescan.ScanResult) ([]byte, error) {
	if t.BaseCommit != "" && t.CommitRange == "" {
		t.CommitRange = t.BaseCommit + ".." + t.HeadCommit
	}
	target, err := asciiJSON(t)
	if err != nil {
		return nil, err
	}
	pre, err := asciiJSON(scan)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := promptTemplate.Execute(&b, map[string]string{"Target": target, "Prescan": pre}); err != nil {
		return nil, fmt.Errorf("rendering prompt: %w", err)
	}
	return b.Bytes(), nil
}

// asciiJSON encodes v as indented JSON with every non-ASCII and control
// character, and <, >, &, escaped as \uXXXX.
func asciiJSON(v any) (string, error) {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", fmt.Errorf("encoding prompt data: %w", err)
	}
	var b strings.Builder
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		raw = raw[size:]
		switch {
		case r < utf8.RuneSelf && (r >= 0x20 && r != 0x7f || r == '\n'):
			b.WriteRune(r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String(), nil
}

// reviewFiles are the read-only files the agent gets at ReviewMount.
func reviewFiles(prompt []byte, nonce string) (map[string][]byte, error) {
	files := map[string][]byte{"prompt.md": prompt, "nonce.txt": []byte(nonce + "\n")}
	for name, src := range map[string]string{
		"report-template.md": "agents/report-template.md",
		"answer-schema.json": "agents/answer-schema.json",
	} {
		b, err := agentFiles.ReadFile(src)
		if err != nil {
			return nil, fmt.Errorf("reading embedded %s: %w", src, err)
		}
		files[name] = b
	}
	return files, nil
}

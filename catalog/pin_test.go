package catalog

import (
	"errors"
	"strings"
	"testing"
)

// A9: only ^[0-9a-f]{40}$ is a pin.
func TestClassifyPin(t *testing.T) {
	const good = "f98669cc9b81fea7bd27f04b1d03b400f511a9df"
	tests := []struct {
		name, in string
		want     PinState
		wantMsg  string // CheckPin message substring
	}{
		{"canonical", good, PinPinned, ""},
		{"missing", "", PinUnpinned, "missing"},
		{"7-char short sha", good[:7], PinMalformed, "7 hex characters"},
		{"39 chars", good[:39], PinMalformed, "39 hex characters"},
		{"41 chars", good + "0", PinMalformed, "41 hex characters"},
		{"uppercase", strings.ToUpper(good), PinMalformed, "not canonical: must be lowercase 40-hex"},
		{"mixed case", "F" + good[1:], PinMalformed, "not canonical: must be lowercase 40-hex"},
		{"leading space", " " + good, PinMalformed, "whitespace"},
		{"trailing newline", good + "\n", PinMalformed, "whitespace"},
		{"HEAD", "HEAD", PinMalformed, "not a 40-hex commit id"},
		{"branch", "main", PinMalformed, "not a 40-hex commit id"},
		{"tag", "v1.2.3", PinMalformed, "not a 40-hex commit id"},
		{"rev syntax", "abc^", PinMalformed, "not a 40-hex commit id"},
		{"option injection", "--upload-pack=x", PinMalformed, "not a 40-hex commit id"},
		{"sha256 commit", strings.Repeat("ab", 32), PinMalformed, "64 hex characters"},
		{"hex number", "0x1f", PinMalformed, "not a 40-hex commit id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClassifyPin(tt.in); got != tt.want {
				t.Errorf("ClassifyPin(%q) = %s, want %s", tt.in, got, tt.want)
			}
			err := CheckPin(tt.in)
			if tt.wantMsg == "" {
				if err != nil {
					t.Errorf("CheckPin(%q) = %v, want nil", tt.in, err)
				}
				return
			}
			if !errors.Is(err, ErrBadPin) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("CheckPin(%q) = %v, want ErrBadPin containing %q", tt.in, err, tt.wantMsg)
			}
		})
	}
}

func TestPinOf(t *testing.T) {
	tests := []struct {
		typ    ServerType
		commit string
		want   PinState
	}{
		{TypeServer, "", PinUnpinned},
		{TypeRemote, "", PinNone},
		{TypePOCI, "", PinNone},
		{TypeRemote, "HEAD", PinMalformed},
		{TypeRemote, strings.Repeat("a", 40), PinPinned},
	}
	for _, tt := range tests {
		s := &Server{Type: tt.typ, Source: Source{Commit: tt.commit}}
		if got := pinOf(s); got != tt.want {
			t.Errorf("pinOf(%s, %q) = %s, want %s", tt.typ, tt.commit, got, tt.want)
		}
	}
}

func TestParseImageRef(t *testing.T) {
	const dg = "sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	tests := []struct {
		in      string
		wantMCP bool
		wantDg  string
		wantErr string
	}{
		{in: "mcp/github", wantMCP: true},
		{in: "mcp/github:latest", wantMCP: true},
		{in: "mcp/github@" + dg, wantMCP: true, wantDg: dg},
		{in: "mcp/github:1.0@" + dg, wantMCP: true, wantDg: dg},
		{in: "docker.io/mcp/github", wantMCP: true},
		{in: "index.docker.io/mcp/github", wantMCP: true},
		{in: "registry-1.docker.io/mcp/github", wantMCP: true},
		{in: "ghcr.io/mcp/github"},
		{in: "mcp/a/b"},
		{in: "mcpx/github"},
		{in: "github"},
		{in: "localhost:5000/mcp/github"},
		{in: "127.0.0.1:5000/mcp/x"},
		{in: "mcp/kgrag_mcp_server", wantMCP: true},
		{in: "MCP/github", wantErr: "malformed repository"},
		{in: "mcp/github@sha256:abc", wantErr: "malformed digest"},
		{in: "mcp/github@sha512:" + strings.Repeat("a", 128), wantErr: "malformed digest"},
		{in: "mcp/github@" + strings.ToUpper(dg), wantErr: "malformed digest"},
		{in: "mcp/github:bad tag", wantErr: "malformed tag"},
		{in: "mcp/ github", wantErr: "malformed repository"},
		{in: "", wantErr: "malformed repository"},
	}
	for _, tt := range tests {
		r, err := parseImageRef(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseImageRef(%q) = %+v, %v; want error %q", tt.in, r, err, tt.wantErr)
			}
			continue
		}
		if err != nil || dockerBuilt(tt.in) != tt.wantMCP || r.digest != tt.wantDg {
			t.Errorf("parseImageRef(%q) = mcp %v digest %q err %v; want mcp %v digest %q", tt.in, dockerBuilt(tt.in), r.digest, err, tt.wantMCP, tt.wantDg)
		}
	}
}

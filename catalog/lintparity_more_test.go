package catalog

import (
	"strings"
	"testing"
)

func TestParityPinFormat(t *testing.T) {
	remote := "remote:\n  url: https://tides.example/mcp\n  transport_type: sse\n"
	checkParity(t, "pin-format", []parityCase{
		{"lowercase 40-hex", "", entry{commit: "0123456789abcdef0123456789abcdef01234567"}, ""},
		{"upper case is lower-cased first", "", entry{commit: "0123456789ABCDEF0123456789ABCDEF01234567"}, ""},
		{"other types are not checked", "", entry{typ: "remote", commit: "main", extra: remote}, ""},
		{"short sha", "", entry{commit: "0123456"}, SeverityError},
		{"41 hex", "", entry{commit: "0123456789abcdef0123456789abcdef012345678"}, SeverityError},
		{"sha-256", "", entry{commit: strings.Repeat("ab", 32)}, SeverityError},
		{"branch", "", entry{commit: "main"}, SeverityError},
		{"tag", "", entry{commit: "v1.2.3"}, SeverityError},
		{"non-hex letter", "", entry{commit: "0123456789abcdef0123456789abcdef0123456g"}, SeverityError},
		{"padded", "", entry{commit: " 0123456789abcdef0123456789abcdef01234567"}, SeverityError},
	})
}

func secrets(names ...string) string {
	s := "config:\n  secrets:\n"
	for _, n := range names {
		s += "    - name: " + n + "\n      env: X\n"
	}
	return s
}

func TestParitySecretName(t *testing.T) {
	checkParity(t, "secret-name", []parityCase{
		{"own prefix", "", entry{extra: secrets("tide-tables.api_key")}, ""},
		{"any prefix", "", entry{extra: secrets("github.personal_access_token")}, ""},
		{"dots and hyphens after the prefix", "", entry{extra: secrets("noaa-api.key.v2-beta")}, ""},
		{"no prefix", "", entry{extra: secrets("api_key")}, SeverityError},
		{"empty prefix", "", entry{extra: secrets(".api_key")}, SeverityError},
		{"empty name", "", entry{extra: secrets("tide-tables.")}, SeverityError},
		{"dot in the prefix only", "", entry{extra: secrets("tide.tables$")}, SeverityError},
		{"second secret bad", "", entry{extra: secrets("tide-tables.a", "token")}, SeverityError},
		{"legacy nasdaq-data-link", "", entry{name: "nasdaq-data-link", extra: secrets("nasdaq_data_link_api_key")}, SeverityNotice},
		{"legacy sec-edgar", "", entry{name: "sec-edgar", extra: secrets("sec_edgar_user_agent")}, SeverityNotice},
		{"exception is per server", "", entry{extra: secrets("nasdaq_data_link_api_key")}, SeverityError},
		{"exception is per secret", "", entry{name: "nasdaq-data-link", extra: secrets("nasdaq_other_key")}, SeverityError},
	})
}

func env(values ...string) string {
	s := "config:\n  env:\n"
	for _, v := range values {
		s += "    - name: X\n      value: '" + v + "'\n"
	}
	return s
}

func TestParityConfigEnv(t *testing.T) {
	checkParity(t, "config-env", []parityCase{
		{"own parameter", "", entry{extra: env("{{tide-tables.station}}")}, ""},
		{"plain value", "", entry{extra: env("metric")}, ""},
		{"single brace", "", entry{extra: env("{tide}")}, ""},
		{"parameter later in the value", "", entry{extra: env("x {{other.station}}")}, ""},
		{"other server's parameter", "", entry{extra: env("{{other.station}}")}, SeverityError},
		{"name without a parameter", "", entry{extra: env("{{tide-tables}}")}, SeverityError},
		{"space after braces", "", entry{extra: env("{{ tide-tables.station }}")}, SeverityError},
		{"prefix of the name", "", entry{extra: env("{{tide.station}}")}, SeverityError},
	})
}

func remote(url, transport string) string {
	s := "remote:\n"
	if url != "" {
		s += "  url: " + url + "\n"
	}
	if transport != "" {
		s += "  transport_type: " + transport + "\n"
	}
	return s
}

func TestParityRemoteTransport(t *testing.T) {
	const u = "https://tides.example/mcp"
	checkParity(t, "remote-transport", []parityCase{
		{"sse", "", entry{typ: "remote", extra: remote(u, "sse")}, ""},
		{"streamable-http", "", entry{typ: "remote", extra: remote(u, "streamable-http")}, ""},
		{"stdio", "", entry{typ: "remote", extra: remote(u, "stdio")}, ""},
		{"no url, no check", "", entry{typ: "remote", extra: remote("", "websocket")}, ""},
		{"no transport", "", entry{typ: "remote", extra: remote(u, "")}, SeverityError},
		{"unknown transport", "", entry{typ: "remote", extra: remote(u, "websocket")}, SeverityError},
		{"case matters", "", entry{typ: "remote", extra: remote(u, "SSE")}, SeverityError},
		{"any type with a url", "", entry{extra: remote(u, "http")}, SeverityError},
	})
}

func TestParityOAuthDynamic(t *testing.T) {
	const oauth = "oauth:\n  - provider: tides\n    secret: tide-tables.token\n    env: TOKEN\n"
	checkParity(t, "oauth-dynamic", []parityCase{
		{"no oauth", "", entry{}, ""},
		{"oauth with dynamic tools", "", entry{extra: oauth + "dynamic:\n  tools: true\n"}, ""},
		{"oauth without dynamic", "", entry{extra: oauth}, SeverityError},
		{"dynamic tools false", "", entry{extra: oauth + "dynamic:\n  tools: false\n"}, SeverityError},
		{"dynamic without tools", "", entry{extra: oauth + "dynamic: {}\n"}, SeverityError},
		{"github-official", "", entry{name: "github-official", extra: oauth}, SeverityNotice},
	})
}

func TestParityRemoteTools(t *testing.T) {
	rem := func(tools string) entry {
		return entry{typ: "remote", extra: remote("https://tides.example/mcp", "sse"), tools: tools}
	}
	dyn := rem("not json")
	dyn.extra += "dynamic:\n  tools: true\n"
	noURL := rem("not json")
	noURL.extra = remote("", "sse")
	checkParity(t, "remote-tools", []parityCase{
		{"described arguments", "", rem(`[{"name": "tide", "description": "Next tide", "arguments": [{"name": "port", "type": "string", "desc": "Port name"}]}]`), ""},
		{"tools without arguments", "", rem(`[{"name": "now"}]`), ""},
		{"no tools.json: the registry asks the remote", "", rem(""), ""},
		{"dynamic tools need no list", "", dyn, ""},
		{"no url, no check", "", noURL, ""},
		{"argument without desc", "", rem(`[{"name": "tide", "arguments": [{"name": "port", "type": "string"}]}]`), SeverityError},
		{"description is not desc", "", rem(`[{"name": "tide", "arguments": [{"name": "port", "description": "Port"}]}]`), SeverityError},
		{"not json", "", rem(`tide`), SeverityError},
		{"an object, not a list", "", rem(`{"name": "tide"}`), SeverityError},
		{"wrong type", "", rem(`[{"name": "tide", "arguments": [{"name": "port", "desc": "Port", "optional": "yes"}]}]`), SeverityError},
	})
}
